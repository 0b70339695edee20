package dev.clarity.bot.orchestrator;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.MAIL_OUTBOX;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.clarity.crm.mail.Backoff;
import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.mail.OutboxWorker;
import dev.clarity.crm.mail.SmtpMailer;
import dev.clarity.crm.mail.SmtpSecurity;
import dev.clarity.crm.mail.SmtpSettings;
import dev.clarity.crm.notify.JooqNotifications;
import dev.clarity.crm.secrets.AesGcmSealer;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.runner.redaction.KnownSecrets;
import dev.clarity.vocabulary.Badge;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestrator's transitions queue execution mail in their own transaction, and the outbox sends it. */
class ExecutionStopMailTest {
    static final AesGcmSealer SEALER = AesGcmSealer.withFreshKey(new java.security.SecureRandom());

    @TempDir
    static Path dataDir;

    static Database db;
    JooqMailOutbox outbox;
    JooqExecutionStore store;
    long project;

    @BeforeAll
    static void start() {
        db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 4, null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void seed() {
        db.dsl().execute("alter table execution_events disable trigger execution_events_append_only");
        db.dsl()
                .execute("truncate mail_attachments, mail_outbox, mail_digest_items, execution_events, execution_marks,"
                        + " task_runs, audit, executions, projects, people, customers restart identity cascade");
        db.dsl().execute("alter table execution_events enable trigger execution_events_append_only");
        outbox = new JooqMailOutbox(db.dsl(), InstantSource.system(), Duration.ofMinutes(5), Backoff.DEFAULT, SEALER);
        store = new JooqExecutionStore(
                db.dsl(),
                InstantSource.system(),
                KnownSecrets.shapesOnly(),
                new JooqNotifications(
                        outbox,
                        new MailTemplates(dataDir.resolve("jte-mail")),
                        URI.create("https://clarity.acme.test")));
        long customer = db.dsl()
                .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                .values("Acme", "acme")
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
        db.dsl()
                .insertInto(PEOPLE, PEOPLE.LOGIN, PEOPLE.EMAIL, PEOPLE.ROLE)
                .values("ana", "ana@acme.test", "manager")
                .execute();
        project = db.dsl()
                .insertInto(PROJECTS, PROJECTS.CUSTOMER_ID, PROJECTS.NAME, PROJECTS.REPOSITORY, PROJECTS.CLONE_URL)
                .values(customer, "shop", "acme/shop", "file:///tmp/acme/shop")
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
    }

    private long claimed() {
        long e = store.enqueue(new StartRequest(project, new Actor("ana", "cli"), null, null, null, null, null));
        assertThat(store.claimNext("r", Duration.ofMinutes(1), 5)).isPresent();
        return e;
    }

    @Test
    void an_execution_the_orchestrator_blocks_queues_one_mail_for_its_requester() {
        long e = claimed();

        assertThat(store.moved(e, "r", new Transition(Cursor.START, Badge.AUTONOMOUS, "started"), "badge"))
                .isTrue();
        assertThat(db.dsl().fetchCount(MAIL_OUTBOX)).as("running is no news").isZero();
        assertThat(store.moved(e, "r", new Transition(Cursor.START, Badge.BLOCKED, "item 1.1 needs review"), "badge"))
                .isTrue();
        // the same transition carried out again (a second process, a retry): refused without the lease, no mail
        assertThat(store.moved(e, "r", new Transition(Cursor.START, Badge.BLOCKED, "item 1.1 needs review"), "badge"))
                .isFalse();

        var mail = db.dsl().selectFrom(MAIL_OUTBOX).fetchSingle();
        assertThat(mail.getRecipient()).isEqualTo("ana@acme.test");
        assertThat(mail.getSubject()).isEqualTo("Clarity: acme/shop #" + e + " needs someone");
        assertThat(outbox.contents(mail.getIdempotencyKey()).orElseThrow().text())
                .contains("item 1.1 needs review")
                .contains("https://clarity.acme.test/executions/" + e);
    }

    @Test
    void a_person_pausing_an_execution_is_not_told_by_mail() {
        long e = claimed();

        store.controlled(e, new Transition(Cursor.START, Badge.PAUSED, "paused by ana"));

        assertThat(db.dsl().fetchCount(MAIL_OUTBOX)).isZero();
    }

    @Test
    void the_completion_mail_reaches_the_smtp_server() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            long e = claimed();
            store.moved(e, "r", new Transition(Cursor.START, Badge.COMPLETED, "every item is done"), "badge");

            SmtpSettings settings = new SmtpSettings(
                    "127.0.0.1", port, SmtpSecurity.NONE, Optional.empty(), Optional.empty(), "clarity@acme.test");
            new OutboxWorker(outbox, new SmtpMailer(settings, Duration.ofSeconds(5), InstantSource.system()), 5)
                    .drain();

            assertThat(smtp.getReceivedMessages()).singleElement().satisfies(m -> {
                assertThat(m.getSubject()).isEqualTo("Clarity: acme/shop #" + e + " completed");
                assertThat(m.getAllRecipients()[0].toString()).isEqualTo("ana@acme.test");
            });
        } finally {
            smtp.stop();
        }
    }
}
