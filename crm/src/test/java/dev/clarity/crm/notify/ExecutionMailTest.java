package dev.clarity.crm.notify;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.MAIL_ATTACHMENTS;
import static dev.clarity.migrations.jooq.Tables.MAIL_DIGEST_ITEMS;
import static dev.clarity.migrations.jooq.Tables.MAIL_OUTBOX;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.CrmDatabase;
import dev.clarity.crm.ManualClock;
import dev.clarity.crm.mail.Backoff;
import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.mail.OutgoingMail;
import dev.clarity.crm.secrets.AesGcmSealer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Execution mails and daily digests queued in a real PostgreSQL, rendered from the real templates. */
class ExecutionMailTest {
    static final AesGcmSealer SEALER = AesGcmSealer.withFreshKey(new java.security.SecureRandom());
    private static final MailTemplates TEMPLATES = new MailTemplates(Path.of("target", "jte-mail-classes"));
    private static final URI PUBLIC = URI.create("https://clarity.acme.test/");

    private final DSLContext dsl = CrmDatabase.shared().dsl();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T15:00:00Z"));
    private final JooqMailOutbox outbox =
            new JooqMailOutbox(dsl, clock, Duration.ofMinutes(5), Backoff.DEFAULT, SEALER);
    private final JooqNotifications notifications = new JooqNotifications(outbox, TEMPLATES, PUBLIC);
    private final JooqMailPreferences preferences = new JooqMailPreferences(dsl, clock);
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private long requester;
    private long manager;
    private long project;
    private long execution;

    @BeforeEach
    void seed() {
        dsl.deleteFrom(MAIL_DIGEST_ITEMS).execute();
        dsl.deleteFrom(MAIL_ATTACHMENTS).execute();
        dsl.deleteFrom(MAIL_OUTBOX).execute();
        long customer = dsl.insertInto(CUSTOMERS)
                .set(CUSTOMERS.NAME, "Acme " + tag)
                .set(CUSTOMERS.SLUG, "acme-" + tag)
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
        requester = person("ana-" + tag, "Ana", "ana-" + tag + "@acme.test");
        manager = person("mia-" + tag, "Mia", "mia-" + tag + "@acme.test");
        project = dsl.insertInto(PROJECTS)
                .set(PROJECTS.CUSTOMER_ID, customer)
                .set(PROJECTS.NAME, "Shop")
                .set(PROJECTS.REPOSITORY, "acme/shop-" + tag)
                .set(PROJECTS.CLONE_URL, "https://github.com/acme/shop.git")
                .set(PROJECTS.MANAGER_ID, manager)
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
        execution = dsl.insertInto(EXECUTIONS)
                .set(EXECUTIONS.PROJECT_ID, project)
                .set(EXECUTIONS.TRIGGER, "cli")
                .set(EXECUTIONS.REQUESTED_BY, "ana-" + tag)
                .returning(EXECUTIONS.ID)
                .fetchOne(EXECUTIONS.ID);
    }

    private long person(String login, String name, String email) {
        return dsl.insertInto(PEOPLE)
                .set(PEOPLE.LOGIN, login)
                .set(PEOPLE.DISPLAY_NAME, name)
                .set(PEOPLE.EMAIL, email)
                .set(PEOPLE.ROLE, "manager")
                .returning(PEOPLE.ID)
                .fetchOne(PEOPLE.ID);
    }

    private ExecutionStopped stopped(StopKind kind, long seq) {
        return new ExecutionStopped(
                execution,
                project,
                kind,
                Optional.of("ana-" + tag),
                Optional.of("1.2"),
                "item 1.2 waits for human review",
                seq,
                clock.instant());
    }

    private void tell(ExecutionStopped event) {
        dsl.transaction(tx -> notifications.executionStopped(tx.dsl(), event));
    }

    @Test
    void the_requester_and_the_manager_each_get_one_mail_with_a_link_to_the_execution() {
        tell(stopped(StopKind.BLOCKED, 7));

        var rows = dsl.selectFrom(MAIL_OUTBOX).orderBy(MAIL_OUTBOX.RECIPIENT).fetch();
        assertThat(rows)
                .extracting(r -> r.getRecipient())
                .containsExactly("ana-" + tag + "@acme.test", "mia-" + tag + "@acme.test");
        var ana = rows.get(0);
        assertThat(ana.getSubject()).isEqualTo("Clarity: acme/shop-" + tag + " #" + execution + " needs someone");
        String link = "https://clarity.acme.test/executions/" + execution;
        OutgoingMail anaMail = outbox.contents(ana.getIdempotencyKey()).orElseThrow();
        assertThat(anaMail.text())
                .contains("Hello Ana,")
                .contains("item 1.2 waits for human review")
                .contains("Open the execution: " + link);
        assertThat(anaMail.html()).contains("<a href=\"" + link + "\">").contains("<strong>acme/shop-" + tag);
        assertThat(ana.getIdempotencyKey()).isEqualTo("execution-" + execution + "-event-7-person-" + requester);
    }

    @Test
    void the_same_event_told_again_after_a_restart_queues_nothing_more() {
        tell(stopped(StopKind.COMPLETED, 9));
        tell(stopped(StopKind.COMPLETED, 9));

        assertThat(dsl.fetchCount(MAIL_OUTBOX)).isEqualTo(2);
    }

    @Test
    void the_requester_who_manages_the_project_gets_one_mail() {
        dsl.update(PROJECTS)
                .set(PROJECTS.MANAGER_ID, requester)
                .where(PROJECTS.ID.eq(project))
                .execute();

        tell(stopped(StopKind.PAUSED, 3));

        assertThat(dsl.selectFrom(MAIL_OUTBOX).fetch(r -> r.getRecipient()))
                .containsExactly("ana-" + tag + "@acme.test");
    }

    @Test
    void a_person_who_turned_mail_off_gets_none() {
        preferences.set(manager, MailPreference.OFF, "ana");

        tell(stopped(StopKind.COMPLETED, 4));

        assertThat(dsl.selectFrom(MAIL_OUTBOX).fetch(r -> r.getRecipient()))
                .containsExactly("ana-" + tag + "@acme.test");
        assertThat(preferences.of(manager)).contains(MailPreference.OFF);
    }

    @Test
    void a_daily_reader_gets_one_mail_the_next_day_listing_the_days_events() {
        preferences.set(manager, MailPreference.DAILY, "ana");
        JooqDailyDigest digest = new JooqDailyDigest(dsl, outbox, TEMPLATES, PUBLIC, clock, ZoneOffset.UTC);

        tell(stopped(StopKind.BLOCKED, 1));
        clock.advance(Duration.ofHours(1));
        tell(stopped(StopKind.COMPLETED, 2));
        assertThat(digest.queueDue()).as("not before the day is over").isZero();

        clock.advance(Duration.ofHours(9)); // 2026-03-03T01:00Z
        assertThat(digest.queueDue()).isEqualTo(1);
        assertThat(digest.queueDue()).isZero();

        Record mail = dsl.selectFrom(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.RECIPIENT.eq("mia-" + tag + "@acme.test"))
                .fetchSingle();
        assertThat(mail.get(MAIL_OUTBOX.IDEMPOTENCY_KEY)).isEqualTo("digest-person-" + manager + "-2026-03-02");
        assertThat(mail.get(MAIL_OUTBOX.SUBJECT)).isEqualTo("Clarity: 2 execution events on 2026-03-02");
        assertThat(outbox.contents(mail.get(MAIL_OUTBOX.IDEMPOTENCY_KEY))
                        .orElseThrow()
                        .text())
                .contains("- acme/shop-" + tag + " #" + execution + " needs someone: item 1.2 waits")
                .contains("- acme/shop-" + tag + " #" + execution + " completed")
                .contains("https://clarity.acme.test/account");
        assertThat(dsl.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.RECIPIENT.eq("ana-" + tag + "@acme.test")))
                .as("the requester reads each event at once")
                .isEqualTo(2);
    }

    @Test
    void text_from_the_event_is_escaped_in_the_html_part() {
        tell(new ExecutionStopped(
                execution,
                project,
                StopKind.BLOCKED,
                Optional.empty(),
                Optional.empty(),
                "<script>alert(1)</script>",
                5,
                clock.instant()));

        assertThat(outbox.contents(dsl.selectFrom(MAIL_OUTBOX).fetchSingle().getIdempotencyKey())
                        .orElseThrow()
                        .html())
                .doesNotContain("<script>")
                .contains("&lt;script&gt;");
    }
}
