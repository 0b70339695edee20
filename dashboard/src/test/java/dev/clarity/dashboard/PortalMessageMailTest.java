package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.MAIL_OUTBOX;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECT_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.mail.Backoff;
import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.notify.ProjectMessageMails;
import dev.clarity.dashboard.portal.PortalStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * A message a client leaves is stored together with its managers' mails when the dashboard sends mail, and alone
 * when it does not. Its own customer, manager and client: the dashboard is shared.
 */
class PortalMessageMailTest {
    private final TestDashboard d = TestDashboard.shared();
    private final DSLContext dsl = d.database.dsl();
    private final String suffix = Long.toString(System.nanoTime());

    private long person(String login, String role, String email, Long customer) {
        return dsl.insertInto(PEOPLE)
                .set(PEOPLE.LOGIN, login + "-" + suffix)
                .set(PEOPLE.DISPLAY_NAME, login)
                .set(PEOPLE.EMAIL, email)
                .set(PEOPLE.ROLE, role)
                .set(PEOPLE.CUSTOMER_ID, customer)
                .returning(PEOPLE.ID)
                .fetchOne(PEOPLE.ID);
    }

    private long[] customerWithManagerAndClient() {
        long manager = person("maya", "manager", "maya-" + suffix + "@clarity.test", null);
        long customer = dsl.insertInto(CUSTOMERS)
                .set(CUSTOMERS.NAME, "Portal Mail " + suffix)
                .set(CUSTOMERS.SLUG, "portal-mail-" + suffix)
                .set(CUSTOMERS.MANAGER_ID, manager)
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
        long project = TestDashboard.project(dsl, customer, "Portal site", "portal-mail/" + suffix);
        long client = person("cleo", "client", null, customer);
        return new long[] {project, client};
    }

    private int mailsTo(String address) {
        return dsl.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.eq(address));
    }

    @Test
    void a_message_queues_a_mail_to_the_customers_manager_when_the_dashboard_sends_mail() {
        long[] seeded = customerWithManagerAndClient();
        JooqMailOutbox outbox =
                new JooqMailOutbox(dsl, InstantSource.system(), Duration.ofMinutes(5), Backoff.DEFAULT, d.sealer);
        PortalStore store = new PortalStore(
                dsl,
                InstantSource.system(),
                Optional.of(new ProjectMessageMails(
                        outbox,
                        new MailTemplates(Path.of("target", "jte-mail-classes")),
                        URI.create("https://clarity.example.test/"))));

        long message = store.leave(seeded[0], seeded[1], "The staging site is down.", "cleo");

        assertThat(dsl.fetchExists(PROJECT_MESSAGES, PROJECT_MESSAGES.ID.eq(message)))
                .isTrue();
        String key = dsl.select(MAIL_OUTBOX.IDEMPOTENCY_KEY)
                .from(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.RECIPIENT.eq("maya-" + suffix + "@clarity.test"))
                .fetchSingle(MAIL_OUTBOX.IDEMPOTENCY_KEY);
        var mail = outbox.contents(key).orElseThrow();
        assertThat(mail.subject()).isEqualTo("Clarity: cleo left a message on Portal site");
        assertThat(mail.text())
                .contains(
                        "The staging site is down.",
                        "https://clarity.example.test/projects/" + seeded[0] + "/messages");
    }

    @Test
    void without_mail_the_message_is_stored_and_nothing_is_queued() {
        long[] seeded = customerWithManagerAndClient();
        PortalStore store = new PortalStore(dsl, InstantSource.system(), Optional.empty());

        long message = store.leave(seeded[0], seeded[1], "Nobody is told by mail.", "cleo");

        assertThat(dsl.fetchExists(PROJECT_MESSAGES, PROJECT_MESSAGES.ID.eq(message)))
                .isTrue();
        assertThat(mailsTo("maya-" + suffix + "@clarity.test")).isZero();
    }
}
