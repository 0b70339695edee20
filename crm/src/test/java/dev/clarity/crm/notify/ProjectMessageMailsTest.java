package dev.clarity.crm.notify;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.MAIL_OUTBOX;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.CrmDatabase;
import dev.clarity.crm.ManualClock;
import dev.clarity.crm.mail.Backoff;
import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** The mails a client's message on a project queues for its managers, in a real PostgreSQL, from the templates. */
class ProjectMessageMailsTest {
    private static final MailTemplates TEMPLATES = new MailTemplates(Path.of("target", "jte-mail-classes"));

    private final DSLContext dsl = CrmDatabase.shared().dsl();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T15:00:00Z"));
    private final JooqMailOutbox outbox =
            new JooqMailOutbox(dsl, clock, Duration.ofMinutes(5), Backoff.DEFAULT, ExecutionMailTest.SEALER);
    private final ProjectMessageMails mails =
            new ProjectMessageMails(outbox, TEMPLATES, URI.create("https://clarity.acme.test/"));
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    private long person(String login, String role, String email) {
        return dsl.insertInto(PEOPLE)
                .set(PEOPLE.LOGIN, login + "-" + tag)
                .set(PEOPLE.DISPLAY_NAME, login)
                .set(PEOPLE.EMAIL, email)
                .set(PEOPLE.ROLE, role)
                .returning(PEOPLE.ID)
                .fetchOne(PEOPLE.ID);
    }

    private long message(Long customerManager, Long projectManager) {
        long customer = dsl.insertInto(CUSTOMERS)
                .set(CUSTOMERS.NAME, "Globex " + tag)
                .set(
                        CUSTOMERS.SLUG,
                        "globex-" + tag + "-" + UUID.randomUUID().toString().substring(0, 4))
                .set(CUSTOMERS.MANAGER_ID, customerManager)
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
        long project = dsl.insertInto(PROJECTS)
                .set(PROJECTS.CUSTOMER_ID, customer)
                .set(PROJECTS.NAME, "Site")
                .set(PROJECTS.REPOSITORY, "globex/site-" + UUID.randomUUID())
                .set(PROJECTS.CLONE_URL, "https://github.com/globex/site.git")
                .set(PROJECTS.MANAGER_ID, projectManager)
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
        long client = dsl.insertInto(PEOPLE)
                .set(PEOPLE.LOGIN, "carol-" + UUID.randomUUID())
                .set(PEOPLE.DISPLAY_NAME, "Carol")
                .set(PEOPLE.ROLE, "client")
                .set(PEOPLE.CUSTOMER_ID, customer)
                .returning(PEOPLE.ID)
                .fetchOne(PEOPLE.ID);
        return dsl.insertInto(PROJECT_MESSAGES)
                .set(PROJECT_MESSAGES.PROJECT_ID, project)
                .set(PROJECT_MESSAGES.PERSON_ID, client)
                .set(PROJECT_MESSAGES.BODY, "Can we move the launch to <Friday>?")
                .set(PROJECT_MESSAGES.CREATED_AT, OffsetDateTime.parse("2026-03-02T15:00:00Z"))
                .returning(PROJECT_MESSAGES.ID)
                .fetchOne(PROJECT_MESSAGES.ID);
    }

    private java.util.List<String> recipients(long message) {
        return dsl.select(MAIL_OUTBOX.RECIPIENT)
                .from(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.IDEMPOTENCY_KEY.startsWith("project-message:" + message + ":"))
                .orderBy(MAIL_OUTBOX.RECIPIENT)
                .fetch(MAIL_OUTBOX.RECIPIENT);
    }

    @Test
    void the_customers_manager_and_a_different_project_manager_each_get_one_mail_once() {
        long mia = person("mia", "manager", "mia-" + tag + "@clarity.test");
        long root = person("root", "admin", "root-" + tag + "@clarity.test");
        long message = message(mia, root);

        int first = dsl.transactionResult(cfg -> mails.left(org.jooq.impl.DSL.using(cfg), message));
        int again = dsl.transactionResult(cfg -> mails.left(org.jooq.impl.DSL.using(cfg), message));

        assertThat(first).isEqualTo(2);
        assertThat(again).isZero();
        assertThat(recipients(message))
                .containsExactly("mia-" + tag + "@clarity.test", "root-" + tag + "@clarity.test");
        var mail =
                outbox.contents("project-message:" + message + ":person-" + mia).orElseThrow();
        assertThat(mail.subject()).isEqualTo("Clarity: Carol left a message on Site");
        assertThat(mail.text())
                .contains("Hello mia,", "Carol of Globex " + tag, "Can we move the launch to <Friday>?")
                .contains("https://clarity.acme.test/projects/");
        assertThat(mail.html()).contains("Can we move the launch to &lt;Friday&gt;?");
    }

    @Test
    void one_person_managing_both_the_customer_and_the_project_gets_one_mail() {
        long mia = person("mia", "manager", "mia-" + tag + "@clarity.test");
        long message = message(mia, mia);

        dsl.transaction(cfg -> mails.left(org.jooq.impl.DSL.using(cfg), message));

        assertThat(recipients(message)).containsExactly("mia-" + tag + "@clarity.test");
    }

    @Test
    void nobody_without_a_mail_address_or_no_manager_at_all_gets_nothing_queued() {
        long silent = person("sam", "manager", null);
        long message = message(silent, null);

        int queued = dsl.transactionResult(cfg -> mails.left(org.jooq.impl.DSL.using(cfg), message));

        assertThat(queued).isZero();
        assertThat(recipients(message)).isEmpty();
    }
}
