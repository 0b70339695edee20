package dev.clarity.crm.notify;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_MESSAGES;

import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.mail.OutgoingMail;
import java.net.URI;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Tells the customer's manager, and the project's manager when that is someone else, of a message a client left on
 * a project: one mail each, queued in the outbox in the transaction that stores the message, under the key {@code
 * project-message:ID:person-ID} (queueing it again keeps the first). People archived or without a mail address are
 * skipped. Only wired when mail is sent at all, as the execution mails are (ADR 0033). Thread-safe.
 */
public final class ProjectMessageMails {
    private final JooqMailOutbox outbox;
    private final MailTemplates templates;
    private final URI publicUrl;

    /** @param publicUrl where people reach the dashboard; links are {@code publicUrl/projects/{id}/messages} */
    public ProjectMessageMails(JooqMailOutbox outbox, MailTemplates templates, URI publicUrl) {
        this.outbox = outbox;
        this.templates = templates;
        this.publicUrl = publicUrl;
    }

    /** Queues the mails of message {@code messageId} inside {@code tx}; returns how many were queued. */
    public int left(DSLContext tx, long messageId) {
        var m = tx.select(
                        PROJECT_MESSAGES.BODY,
                        PROJECTS.ID,
                        PROJECTS.NAME,
                        PROJECTS.MANAGER_ID,
                        CUSTOMERS.NAME,
                        CUSTOMERS.MANAGER_ID,
                        PEOPLE.DISPLAY_NAME.coalesce(PEOPLE.LOGIN))
                .from(PROJECT_MESSAGES)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(PROJECT_MESSAGES.PROJECT_ID))
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .join(PEOPLE)
                .on(PEOPLE.ID.eq(PROJECT_MESSAGES.PERSON_ID))
                .where(PROJECT_MESSAGES.ID.eq(messageId))
                .fetchOne();
        if (m == null) {
            return 0;
        }
        String root = publicUrl.toString().replaceAll("/+$", "");
        String link = root + "/projects/" + m.value2() + "/messages";
        int queued = 0;
        for (var person : tx.select(PEOPLE.ID, PEOPLE.EMAIL, PEOPLE.DISPLAY_NAME.coalesce(PEOPLE.LOGIN))
                .from(PEOPLE)
                .where(PEOPLE.ID.in(DSL.val(id(m.value6())), DSL.val(id(m.value4()))))
                .and(PEOPLE.ARCHIVED_AT.isNull())
                .and(PEOPLE.EMAIL.isNotNull())
                .and(PEOPLE.EMAIL.ne(""))
                .orderBy(PEOPLE.ID)
                .fetch()) {
            MessageMail mail = new MessageMail(person.value3(), m.value5(), m.value3(), m.value7(), m.value1(), link);
            MailTemplates.Body body = templates.render("message", Map.of("mail", mail));
            if (outbox.queue(
                    tx,
                    new OutgoingMail(
                            "project-message:" + messageId + ":person-" + person.value1(),
                            person.value2(),
                            mail.subject(),
                            body.html(),
                            body.text()))) {
                queued++;
            }
        }
        return queued;
    }

    private static long id(Long person) {
        return person == null ? -1L : person;
    }
}
