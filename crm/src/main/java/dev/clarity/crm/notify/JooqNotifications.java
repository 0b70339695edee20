package dev.clarity.crm.notify;

import static dev.clarity.migrations.jooq.Tables.MAIL_DIGEST_ITEMS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.mail.OutgoingMail;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the execution's requester (the person whose login started it) and its project's manager, each once even
 * when they are the same person, by the way each chose: a mail now ({@code each}, queued in the outbox under
 * {@code event key + person}), a line in tomorrow's digest ({@code daily}), or nothing ({@code off}). People without
 * a mail address or archived are skipped. Runs inside the transition's transaction. Thread-safe.
 */
public final class JooqNotifications implements Notifications {
    private static final Logger log = LoggerFactory.getLogger(JooqNotifications.class);
    private final JooqMailOutbox outbox;
    private final MailTemplates templates;
    private final URI publicUrl;

    /** @param publicUrl where people reach the dashboard; links are {@code publicUrl/executions/{id}} */
    public JooqNotifications(JooqMailOutbox outbox, MailTemplates templates, URI publicUrl) {
        this.outbox = outbox;
        this.templates = templates;
        this.publicUrl = publicUrl;
    }

    /** Compiles the templates now (a first render runs the compiler), so no transition waits for it later. */
    public void warmUp() {
        templates.render(
                "execution",
                Map.of("mail", new ExecutionMail("you", "owner/name", 0, StopKind.COMPLETED, "warming up", "")));
    }

    @Override
    public void executionStopped(DSLContext tx, ExecutionStopped event) {
        var project = tx.select(PROJECTS.REPOSITORY, PROJECTS.MANAGER_ID)
                .from(PROJECTS)
                .where(PROJECTS.ID.eq(event.projectId()))
                .fetchOne();
        if (project == null) {
            return;
        }
        var whom = PEOPLE.ID.eq(project.value2() == null ? -1L : project.value2());
        if (event.requestedBy().isPresent()) {
            whom = whom.or(PEOPLE.LOGIN.eq(event.requestedBy().get()));
        }
        String link = link(publicUrl, event.executionId());
        for (Record4<Long, String, String, String> person : tx.select(
                        PEOPLE.ID, PEOPLE.EMAIL, PEOPLE.EXECUTION_MAIL, PEOPLE.DISPLAY_NAME.coalesce(PEOPLE.LOGIN))
                .from(PEOPLE)
                .where(whom)
                .and(PEOPLE.ARCHIVED_AT.isNull())
                .and(PEOPLE.EMAIL.isNotNull())
                .and(PEOPLE.EMAIL.ne(""))
                .orderBy(PEOPLE.ID)
                .fetch()) {
            ExecutionMail mail = new ExecutionMail(
                    person.value4(), project.value1(), event.executionId(), event.kind(), event.note(), link);
            switch (MailPreference.find(person.value3()).orElse(MailPreference.EACH)) {
                case OFF -> {}
                case EACH -> {
                    MailTemplates.Body body;
                    try {
                        body = templates.render("execution", Map.of("mail", mail));
                    } catch (RuntimeException e) {
                        // a template that cannot render must not undo the execution's transition: this mail is lost
                        log.error("Rendering the mail of {} for person {}", event.eventKey(), person.value1(), e);
                        continue;
                    }
                    outbox.queue(
                            tx,
                            new OutgoingMail(
                                    event.eventKey() + "-person-" + person.value1(),
                                    person.value2(),
                                    mail.subject(),
                                    body.html(),
                                    body.text()));
                }
                case DAILY ->
                    tx.insertInto(MAIL_DIGEST_ITEMS)
                            .set(MAIL_DIGEST_ITEMS.PERSON_ID, person.value1())
                            .set(MAIL_DIGEST_ITEMS.EVENT_KEY, event.eventKey())
                            .set(MAIL_DIGEST_ITEMS.EXECUTION_ID, event.executionId())
                            .set(
                                    MAIL_DIGEST_ITEMS.LINE,
                                    project.value1() + " #" + event.executionId() + " "
                                            + event.kind().phrase() + ": " + event.note())
                            .set(MAIL_DIGEST_ITEMS.LINK, link)
                            .set(MAIL_DIGEST_ITEMS.AT, event.at().atOffset(ZoneOffset.UTC))
                            .onConflictDoNothing()
                            .execute();
            }
        }
    }

    static String link(URI base, long executionId) {
        String root = base.toString().replaceAll("/+$", "");
        return root + "/executions/" + executionId;
    }
}
