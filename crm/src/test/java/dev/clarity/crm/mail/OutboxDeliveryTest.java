package dev.clarity.crm.mail;

import static dev.clarity.migrations.jooq.Tables.MAIL_ATTACHMENTS;
import static dev.clarity.migrations.jooq.Tables.MAIL_OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.clarity.crm.CrmDatabase;
import dev.clarity.crm.ManualClock;
import dev.clarity.crm.secrets.AesGcmSealer;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox and the worker against a real PostgreSQL and a real SMTP server (GreenMail). */
class OutboxDeliveryTest {
    static final AesGcmSealer SEALER = AesGcmSealer.withFreshKey(new java.security.SecureRandom());
    private static final Backoff BACKOFF = new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(30), 3);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final DSLContext dsl = CrmDatabase.shared().dsl();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final JooqMailOutbox outbox = new JooqMailOutbox(dsl, clock, LEASE, BACKOFF, SEALER);
    private int port;
    private GreenMail smtp;
    private SmtpMailer mailer;

    @BeforeEach
    void setUp() throws IOException {
        dsl.deleteFrom(MAIL_ATTACHMENTS).execute();
        dsl.deleteFrom(MAIL_OUTBOX).execute();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mailer = new SmtpMailer(
                new SmtpSettings(
                        "127.0.0.1",
                        port,
                        SmtpSecurity.NONE,
                        Optional.empty(),
                        Optional.empty(),
                        "Clarity <clarity@clarity.test>"),
                Duration.ofSeconds(5),
                clock);
    }

    @AfterEach
    void tearDown() {
        smtp.stop();
    }

    private static OutgoingMail mail(String key) {
        return new OutgoingMail(key, "ana@acme.test", "Hello " + key, "<p>Hi " + key + "</p>", "Hi " + key + "\n");
    }

    @Test
    void a_queued_mail_arrives_with_its_headers_both_parts_and_its_attachment() throws Exception {
        smtp.start();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://clarity.test/u/abc>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        byte[] pdf = "%PDF-1.7 not really".getBytes(StandardCharsets.US_ASCII);
        assertThat(outbox.queue(new OutgoingMail(
                        "proposal-7",
                        "ana@acme.test",
                        "Your proposal — Café",
                        "<p>Hi <b>Ana</b></p>",
                        "Hi Ana\n",
                        headers,
                        List.of(new Attachment("proposal-7.pdf", "application/pdf", pdf)))))
                .isTrue();

        assertThat(new OutboxWorker(outbox, mailer, 10).drain()).isEqualTo(1);

        MimeMessage got = smtp.getReceivedMessages()[0];
        assertThat(got.getSubject()).isEqualTo("Your proposal — Café");
        assertThat(got.getHeader("From")[0]).isEqualTo("Clarity <clarity@clarity.test>");
        assertThat(got.getHeader("To")[0]).isEqualTo("ana@acme.test");
        assertThat(got.getMessageID()).isEqualTo(SmtpMailer.messageId("proposal-7", "clarity@clarity.test"));
        assertThat(got.getHeader("List-Unsubscribe")[0]).isEqualTo("<https://clarity.test/u/abc>");
        assertThat(got.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        MimeMultipart mixed = (MimeMultipart) got.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(alternative.getBodyPart(0).getContent().toString().replace("\r\n", "\n"))
                .isEqualTo("Hi Ana\n");
        assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>Hi <b>Ana</b></p>");
        BodyPart file = mixed.getBodyPart(1);
        assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(file.getFileName()).isEqualTo("proposal-7.pdf");
        assertThat(file.isMimeType("application/pdf")).isTrue();
        assertThat(file.getInputStream().readAllBytes()).isEqualTo(pdf);
        MailStatus status = outbox.status("proposal-7").orElseThrow();
        assertThat(status.state()).isEqualTo("sent");
        assertThat(status.sentAt()).contains(clock.instant());
        // once sent, nothing that may hold a link's token stays in the table
        var row = dsl.selectFrom(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.IDEMPOTENCY_KEY.eq("proposal-7"))
                .fetchOne();
        assertThat(row.getHtmlBody() + row.getTextBody() + row.getHeaders()).doesNotContain("Ana", "/u/abc");
    }

    @Test
    void a_link_token_is_sealed_in_the_row_while_queued_and_the_recipient_still_gets_the_right_link() throws Exception {
        smtp.start();
        String token = "tok-Zq8xV3nR7pL2wK9mB4cY6tH1";
        String link = "https://clarity.test/p/" + token;
        String unsubscribe = "<https://clarity.test/u/" + token + ">";
        outbox.queue(new OutgoingMail(
                "proposal-9",
                "ana@acme.test",
                "Your proposal",
                "<p><a href=\"" + link + "\">Open it</a></p>",
                "Open it: " + link + "\n",
                Map.of("List-Unsubscribe", unsubscribe),
                List.of()));

        String raw = dsl.resultQuery("select * from mail_outbox where idempotency_key = 'proposal-9'")
                .fetchSingle()
                .formatCSV();
        assertThat(raw).doesNotContain(token).doesNotContain("clarity.test/p/").doesNotContain("/u/");
        assertThat(outbox.contents("proposal-9").orElseThrow().text()).isEqualTo("Open it: " + link + "\n");

        assertThat(new OutboxWorker(outbox, mailer, 10).drain()).isEqualTo(1);

        MimeMessage got = smtp.getReceivedMessages()[0];
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(got)).contains(link);
        assertThat(got.getHeader("List-Unsubscribe")[0]).isEqualTo(unsubscribe);
    }

    @Test
    void a_sealed_body_moved_to_another_row_does_not_open_and_that_mail_is_given_up_saying_why() {
        smtp.start();
        outbox.queue(mail("first"));
        outbox.queue(mail("second"));
        dsl.execute("update mail_outbox set text_body = (select text_body from mail_outbox where idempotency_key ="
                + " 'first') where idempotency_key = 'second'");

        assertThat(new OutboxWorker(outbox, mailer, 10).drain()).isEqualTo(1);

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        MailStatus second = outbox.status("second").orElseThrow();
        assertThat(second.state()).isEqualTo("failed");
        assertThat(second.lastError()).hasValueSatisfying(e -> assertThat(e).contains("does not open"));
    }

    @Test
    void a_mail_sealed_with_another_secrets_key_is_not_sent() {
        smtp.start();
        new JooqMailOutbox(dsl, clock, LEASE, BACKOFF, AesGcmSealer.withFreshKey(new java.security.SecureRandom()))
                .queue(mail("other-key"));

        assertThat(new OutboxWorker(outbox, mailer, 10).drain()).isZero();

        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(outbox.status("other-key").orElseThrow().lastError())
                .hasValueSatisfying(e -> assertThat(e).contains("CLARITY_SECRETS_KEY"));
    }

    @Test
    void a_mail_queued_in_clear_before_sealing_existed_is_still_sent() throws Exception {
        smtp.start();
        dsl.execute(
                "insert into mail_outbox (idempotency_key, recipient, subject, html_body, text_body, headers,"
                        + " next_attempt_at) values ('old', 'ana@acme.test', 'Old', '<p>Old</p>', 'Old news\n', '', ?::timestamptz)",
                clock.instant().toString());

        assertThat(new OutboxWorker(outbox, mailer, 10).drain()).isEqualTo(1);

        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(smtp.getReceivedMessages()[0]))
                .contains("Old news");
    }

    @Test
    void the_same_key_is_queued_once_and_sent_once() {
        smtp.start();
        assertThat(outbox.queue(mail("k1"))).isTrue();
        assertThat(outbox.queue(mail("k1"))).isFalse();
        OutboxWorker worker = new OutboxWorker(outbox, mailer, 10);

        worker.drain();
        worker.drain();

        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void a_mail_the_server_did_not_take_is_tried_again_after_the_backoff_and_arrives_once() {
        OutboxWorker worker = new OutboxWorker(outbox, mailer, 10);
        outbox.queue(mail("retry"));

        assertThat(worker.drain()).isZero(); // nothing listens on the port yet
        MailStatus first = outbox.status("retry").orElseThrow();
        assertThat(first.state()).isEqualTo("queued");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(first.lastError()).hasValueSatisfying(e -> assertThat(e).contains("127.0.0.1:" + port));

        smtp.start();
        assertThat(worker.drain()).as("not before the backoff").isZero();
        clock.advance(Duration.ofSeconds(61));
        assertThat(worker.drain()).isEqualTo(1);
        worker.drain();

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        MailStatus sent = outbox.status("retry").orElseThrow();
        assertThat(sent.state()).isEqualTo("sent");
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.lastError()).isEmpty();
    }

    @Test
    void the_wait_doubles_and_the_mail_is_given_up_after_the_last_attempt() {
        OutboxWorker worker = new OutboxWorker(outbox, mailer, 10);
        outbox.queue(mail("doomed"));

        worker.drain();
        clock.advance(Duration.ofMinutes(1));
        worker.drain();
        assertThat(outbox.status("doomed").orElseThrow().nextAttemptAt())
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        clock.advance(Duration.ofMinutes(2));
        worker.drain();
        clock.advance(Duration.ofHours(1));
        worker.drain();

        MailStatus status = outbox.status("doomed").orElseThrow();
        assertThat(status.state()).isEqualTo("failed");
        assertThat(status.attempts()).isEqualTo(3);
    }

    @Test
    void a_row_claimed_by_a_worker_that_died_is_sent_again_only_after_its_lease() {
        smtp.start();
        outbox.queue(mail("orphan"));
        assertThat(outbox.claim(10)).hasSize(1); // the worker dies here, before sending

        OutboxWorker worker = new OutboxWorker(outbox, mailer, 10);
        assertThat(worker.drain()).isZero();
        clock.advance(LEASE.plusSeconds(1));
        assertThat(worker.drain()).isEqualTo(1);

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(outbox.status("orphan").orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void a_late_outcome_of_an_expired_claim_does_not_overwrite_the_newer_one() {
        outbox.queue(mail("late"));
        ClaimedMail stale = outbox.claim(1).get(0);
        clock.advance(LEASE.plusSeconds(1));
        ClaimedMail fresh = outbox.claim(1).get(0);

        outbox.delivered(fresh);
        outbox.refused(stale, new Delivery.Refused("timed out", false));

        assertThat(outbox.status("late").orElseThrow().state()).isEqualTo("sent");
    }

    @Test
    void two_workers_on_one_database_never_send_the_same_row_twice() throws Exception {
        smtp.start();
        int count = 40;
        for (int i = 0; i < count; i++) {
            outbox.queue(mail("many-" + i));
        }
        OutboxWorker a = new OutboxWorker(outbox, mailer, 1);
        OutboxWorker b = new OutboxWorker(outbox, mailer, 1);
        CyclicBarrier start = new CyclicBarrier(2);

        var first = CompletableFuture.supplyAsync(() -> together(start, a::drain));
        var second = CompletableFuture.supplyAsync(() -> together(start, b::drain));

        assertThat(first.get() + second.get()).isEqualTo(count);
        assertThat(smtp.waitForIncomingEmail(10_000, count)).isTrue();
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            ids.add(m.getMessageID());
        }
        assertThat(ids).hasSize(count).doesNotHaveDuplicates();
        assertThat(dsl.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.STATE.eq("sent").and(MAIL_OUTBOX.ATTEMPTS.eq(1))))
                .isEqualTo(count);
        assertThat(Arrays.asList(first.get(), second.get()))
                .as("both workers took part")
                .allMatch(n -> n > 0);
    }

    private static int together(CyclicBarrier barrier, java.util.function.IntSupplier work) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return work.getAsInt();
    }
}
