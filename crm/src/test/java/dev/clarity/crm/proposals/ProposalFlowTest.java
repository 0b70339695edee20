package dev.clarity.crm.proposals;

import static dev.clarity.migrations.jooq.Tables.AUDIT;
import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.CUSTOMER_LIFECYCLE_CHANGES;
import static dev.clarity.migrations.jooq.Tables.MAIL_OUTBOX;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROPOSAL_LINKS;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.clarity.crm.CrmDatabase;
import dev.clarity.crm.ManualClock;
import dev.clarity.crm.mail.Backoff;
import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.mail.OutboxWorker;
import dev.clarity.crm.mail.SmtpMailer;
import dev.clarity.crm.mail.SmtpSecurity;
import dev.clarity.crm.mail.SmtpSettings;
import dev.clarity.crm.secrets.AesGcmSealer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writing, sending, opening and deciding a proposal against a real PostgreSQL and a real SMTP server. */
class ProposalFlowTest {
    static final AesGcmSealer SEALER = AesGcmSealer.withFreshKey(new java.security.SecureRandom());
    private static final Pattern LINK = Pattern.compile("https://clarity\\.example\\.com/p/([A-Za-z0-9_-]{43})");
    private static final String IP = "203.0.113.7";

    private final DSLContext dsl = CrmDatabase.shared().dsl();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final JooqMailOutbox outbox =
            new JooqMailOutbox(dsl, clock, Duration.ofMinutes(5), Backoff.DEFAULT, SEALER);
    private JooqProposals proposals;
    private ProposalSending sending;
    private ClientDecisions decisions;
    private long customer;
    private String slug;

    @BeforeEach
    void setUp() throws IOException {
        var templates = new MailTemplates(Files.createTempDirectory("proposal-mail"));
        URI url = URI.create("https://clarity.example.com/");
        proposals = new JooqProposals(dsl, clock);
        sending = new ProposalSending(
                dsl, proposals, outbox, templates, new ProposalPdf(), new LinkTokens(new SecureRandom()), url, clock);
        decisions = new ClientDecisions(dsl, proposals, outbox, templates, url, clock);
        slug = "p" + System.nanoTime();
        long manager = dsl.insertInto(PEOPLE)
                .set(PEOPLE.LOGIN, "mgr-" + slug)
                .set(PEOPLE.DISPLAY_NAME, "Mia")
                .set(PEOPLE.EMAIL, "mia@agency.test")
                .set(PEOPLE.ROLE, "manager")
                .returning(PEOPLE.ID)
                .fetchOne(PEOPLE.ID);
        customer = dsl.insertInto(CUSTOMERS)
                .set(CUSTOMERS.NAME, "Acme " + slug)
                .set(CUSTOMERS.SLUG, slug)
                .set(CUSTOMERS.LIFECYCLE, "lead")
                .set(CUSTOMERS.BILLING_CURRENCY, "EUR")
                .set(CUSTOMERS.MANAGER_ID, manager)
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
    }

    private static ProposalContent content(String title, String price) {
        return new ProposalContent(
                title,
                List.of(new ProposalContent.Section("Scope", "A new shop.\n\nWith a café & <b>bold</b> ideas.")),
                List.of(new ProposalContent.LineItem("Design", new BigDecimal("10"), new BigDecimal(price))),
                List.of(new ProposalContent.TaxRate("VAT", new BigDecimal("19"))),
                LocalDate.parse("2026-12-31"));
    }

    private long written() {
        var saved = (SaveOutcome.Saved) proposals.create(customer, null, content("Shop rebuild", "100"), "mgr-" + slug);
        return saved.id();
    }

    private String sent(long id) {
        var outcome = (SendOutcome.Sent) sending.send(id, "ana@acme.test", "mgr-" + slug);
        Matcher m = LINK.matcher(outcome.link());
        assertThat(m.matches()).isTrue();
        return m.group(1);
    }

    @Test
    void every_save_keeps_a_version_and_the_old_one_is_unchanged() {
        long id = written();

        assertThat(proposals.save(id, content("Shop rebuild, smaller", "80"), "mgr-" + slug))
                .isEqualTo(new SaveOutcome.Saved(id, 2));

        assertThat(proposals.proposal(id).orElseThrow().latestVersion()).isEqualTo(2);
        assertThat(proposals.version(id, 1).orElseThrow().content()).isEqualTo(content("Shop rebuild", "100"));
        assertThat(proposals.version(id, 1).orElseThrow().totals().total().amount())
                .isEqualByComparingTo("1190.00");
        assertThat(proposals.version(id, 2).orElseThrow().totals().total().amount())
                .isEqualByComparingTo("952.00");
        assertThat(proposals.save(id, content("", "80"), "x")).isInstanceOf(SaveOutcome.Refused.class);
        assertThat(proposals.proposal(id).orElseThrow().latestVersion()).isEqualTo(2);
    }

    @Test
    void sending_queues_the_link_and_the_pdf_which_arrive_over_smtp_and_only_the_token_hash_is_stored()
            throws Exception {
        long id = written();
        String token = sent(id);

        assertThat(dsl.fetchOne(PROPOSAL_LINKS, PROPOSAL_LINKS.PROPOSAL_ID.eq(id))
                        .getTokenSha256())
                .isEqualTo(LinkTokens.hash(token))
                .doesNotContain(token);
        assertThat(outbox.status("proposal:" + id + ":1:send")).isPresent();
        assertThat(sending.send(id, "ana@acme.test", "mgr-" + slug))
                .isEqualTo(new SendOutcome.Refused("Version 1 was sent already; save a new version to send it again."));
        assertThat(sending.send(id, "not an address", "mgr-" + slug))
                .isEqualTo(new SendOutcome.Refused("\"not an address\" is not an email address."));

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            var mailer = new SmtpMailer(
                    new SmtpSettings(
                            "127.0.0.1",
                            port,
                            SmtpSecurity.NONE,
                            Optional.empty(),
                            Optional.empty(),
                            "Clarity <clarity@clarity.test>"),
                    Duration.ofSeconds(5),
                    clock);
            new OutboxWorker(outbox, mailer, 100).drain();
            MimeMessage got = java.util.Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> {
                        try {
                            return m.getMessageID()
                                    .equals(SmtpMailer.messageId("proposal:" + id + ":1:send", "clarity@clarity.test"));
                        } catch (jakarta.mail.MessagingException e) {
                            return false;
                        }
                    })
                    .findFirst()
                    .orElseThrow();
            assertThat(got.getHeader("To")[0]).isEqualTo("ana@acme.test");
            MimeMultipart mixed = (MimeMultipart) got.getContent();
            MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
            assertThat(alternative.getBodyPart(0).getContent().toString())
                    .contains("https://clarity.example.com/p/" + token)
                    .contains("1,190.00 EUR");
            var pdf = mixed.getBodyPart(1);
            assertThat(pdf.getFileName()).isEqualTo("proposal-" + id + "-v1.pdf");
            assertThat(pdf.isMimeType("application/pdf")).isTrue();
            try (var doc = Loader.loadPDF(pdf.getInputStream().readAllBytes())) {
                String text = new PDFTextStripper().getText(doc);
                assertThat(text)
                        .contains("Shop rebuild")
                        .contains("With a café & <b>bold</b> ideas.")
                        .contains("Design")
                        .contains("1,000.00 EUR")
                        .contains("VAT 19 %")
                        .contains("1,190.00 EUR");
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void opening_the_link_shows_the_sent_version_and_records_the_view_with_the_ip() {
        long id = written();
        String token = sent(id);
        proposals.save(id, content("Draft after sending", "1"), "mgr-" + slug);

        LinkState state = decisions.open(token, IP);

        assertThat(state).isInstanceOf(LinkState.Open.class);
        assertThat(((LinkState.Open) state).version().version()).isEqualTo(1);
        assertThat(((LinkState.Open) state).version().content().title()).isEqualTo("Shop rebuild");
        assertThat(proposals.events(id))
                .extracting(ProposalEvent::kind, ProposalEvent::ip)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sent", null),
                        org.assertj.core.groups.Tuple.tuple("viewed", IP));
    }

    @Test
    void accepting_creates_the_project_activates_the_lead_audits_and_mails_the_manager() {
        long id = written();
        String token = sent(id);

        Decision d = decisions.accept(token, "Ana Alves", IP);

        assertThat(d).isInstanceOf(Decision.Accepted.class);
        long project = ((Decision.Accepted) d).projectId();
        var row = dsl.fetchOne(PROJECTS, PROJECTS.ID.eq(project));
        assertThat(row.getCustomerId()).isEqualTo(customer);
        assertThat(row.getName()).isEqualTo("Shop rebuild");
        assertThat(row.getArchivedAt()).isNull();
        assertThat(proposals.proposal(id).orElseThrow().projectId()).isEqualTo(project);
        assertThat(proposals.proposal(id).orElseThrow().state()).isEqualTo("accepted");
        assertThat(dsl.fetchValue(CUSTOMERS.LIFECYCLE, CUSTOMERS.ID.eq(customer)))
                .isEqualTo("active");
        assertThat(dsl.fetchCount(CUSTOMER_LIFECYCLE_CHANGES, CUSTOMER_LIFECYCLE_CHANGES.CUSTOMER_ID.eq(customer)))
                .isEqualTo(1);
        assertThat(dsl.select(AUDIT.ACTION)
                        .from(AUDIT)
                        .where(AUDIT.TARGET_TYPE.eq("proposal").and(AUDIT.TARGET_ID.eq("" + id)))
                        .orderBy(AUDIT.ID)
                        .fetch(AUDIT.ACTION))
                .containsExactly("proposal.created", "proposal.sent", "proposal.accepted");
        var mail = dsl.fetchOne(MAIL_OUTBOX, MAIL_OUTBOX.IDEMPOTENCY_KEY.eq("proposal:" + id + ":1:accepted"));
        assertThat(mail.getRecipient()).isEqualTo("mia@agency.test");
        assertThat(outbox.contents(mail.getIdempotencyKey()).orElseThrow().text())
                .contains("Ana Alves accepted version 1 of \"Shop rebuild\"");
        assertThat(proposals.events(id)).extracting(ProposalEvent::kind).containsExactly("sent", "accepted");
        assertThat(proposals.events(id).getLast().name()).isEqualTo("Ana Alves");
        assertThat(proposals.events(id).getLast().ip()).isEqualTo(IP);
    }

    @Test
    void accepting_a_proposal_for_an_archived_project_makes_it_active_again() {
        long project = dsl.insertInto(PROJECTS)
                .set(PROJECTS.CUSTOMER_ID, customer)
                .set(PROJECTS.NAME, "Old shop")
                .set(PROJECTS.REPOSITORY, "acme/" + slug)
                .set(PROJECTS.CLONE_URL, "https://example.test/" + slug + ".git")
                .set(PROJECTS.ARCHIVED_AT, OffsetDateTime.parse("2026-01-01T00:00:00Z"))
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
        long id = ((SaveOutcome.Saved) proposals.create(customer, project, content("Phase 2", "5"), "x")).id();

        assertThat(decisions.accept(sent(id), "Ana", IP)).isEqualTo(new Decision.Accepted(id, project));
        assertThat(dsl.fetchValue(PROJECTS.ARCHIVED_AT, PROJECTS.ID.eq(project)))
                .isNull();
    }

    @Test
    void declining_records_the_comment_and_the_link_is_then_used_up() {
        long id = written();
        String token = sent(id);

        assertThat(decisions.decline(token, "Too expensive for now.", IP)).isEqualTo(new Decision.Declined(id));

        assertThat(proposals.events(id).getLast().comment()).isEqualTo("Too expensive for now.");
        assertThat(dsl.fetchValue(CUSTOMERS.LIFECYCLE, CUSTOMERS.ID.eq(customer)))
                .isEqualTo("lead");
        assertThat(decisions.open(token, IP)).isInstanceOf(LinkState.Used.class);
        assertThat(decisions.accept(token, "Ana", IP)).isInstanceOf(Decision.Closed.class);
        assertThat(proposals.proposal(id).orElseThrow().state()).isEqualTo("declined");
        assertThat(dsl.fetchCount(PROJECTS, PROJECTS.CUSTOMER_ID.eq(customer))).isZero();
    }

    @Test
    void an_accepted_link_is_used_and_accepting_twice_changes_nothing() {
        long id = written();
        String token = sent(id);
        decisions.accept(token, "Ana", IP);

        assertThat(decisions.accept(token, "Ana", IP)).isInstanceOf(Decision.Closed.class);
        assertThat(decisions.open(token, IP)).isInstanceOf(LinkState.Used.class);
        assertThat(dsl.fetchCount(PROJECTS, PROJECTS.CUSTOMER_ID.eq(customer))).isEqualTo(1);
        assertThat(proposals.events(id)).extracting(ProposalEvent::kind).containsExactly("sent", "accepted");
    }

    @Test
    void a_link_expires_after_the_validity_date() {
        long id = written();
        String token = sent(id);
        clock.advance(Duration.between(clock.instant(), Instant.parse("2027-01-01T00:00:00Z")));

        assertThat(decisions.open(token, IP)).isEqualTo(new LinkState.Expired(Instant.parse("2027-01-01T00:00:00Z")));
        assertThat(decisions.accept(token, "Ana", IP)).isInstanceOf(Decision.Closed.class);
        assertThat(proposals.proposal(id).orElseThrow().state()).isEqualTo("sent");
    }

    @Test
    void a_revoked_link_and_a_link_replaced_by_a_newer_sending_are_closed() {
        long id = written();
        String first = sent(id);
        proposals.save(id, content("Shop rebuild v2", "90"), "x");
        String second = sent(id);

        assertThat(decisions.open(first, IP)).isInstanceOf(LinkState.Revoked.class);
        assertThat(decisions.open(second, IP)).isInstanceOf(LinkState.Open.class);
        assertThat(sending.revoke(id, "x")).isEqualTo(1);
        assertThat(decisions.open(second, IP)).isInstanceOf(LinkState.Revoked.class);
        assertThat(decisions.decline(second, "", IP)).isInstanceOf(Decision.Closed.class);
    }

    @Test
    void an_unknown_or_malformed_token_opens_nothing() {
        written();

        assertThat(decisions.open("A".repeat(43), IP)).isEqualTo(new LinkState.Unknown());
        assertThat(decisions.open("../../etc", IP)).isEqualTo(new LinkState.Unknown());
        assertThat(decisions.accept("", "Ana", IP)).isEqualTo(new Decision.Closed(new LinkState.Unknown()));
    }

    @Test
    void accepting_without_a_name_is_refused_and_changes_nothing() {
        long id = written();
        String token = sent(id);

        assertThat(decisions.accept(token, "  ", IP))
                .isEqualTo(new Decision.Incomplete("Type your full name to accept (at most 200 characters)."));
        assertThat(proposals.proposal(id).orElseThrow().state()).isEqualTo("sent");
    }

    @Test
    void of_two_acceptances_at_once_one_wins_and_one_project_is_created() throws Exception {
        long id = written();
        String token = sent(id);
        var barrier = new java.util.concurrent.CyclicBarrier(2);
        java.util.function.Supplier<Decision> accept = () -> {
            try {
                barrier.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return decisions.accept(token, "Ana", IP);
        };
        var threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        var first = java.util.concurrent.CompletableFuture.supplyAsync(accept, threads);
        var second = java.util.concurrent.CompletableFuture.supplyAsync(accept, threads);

        List<Decision> both = List.of(
                first.get(30, java.util.concurrent.TimeUnit.SECONDS),
                second.get(30, java.util.concurrent.TimeUnit.SECONDS));

        threads.shutdown();
        assertThat(both).filteredOn(Decision.Accepted.class::isInstance).hasSize(1);
        assertThat(both).filteredOn(Decision.Closed.class::isInstance).hasSize(1);
        assertThat(dsl.fetchCount(PROJECTS, PROJECTS.CUSTOMER_ID.eq(customer))).isEqualTo(1);
    }

    @Test
    void a_decided_proposal_is_neither_saved_nor_sent_again() {
        long id = written();
        decisions.decline(sent(id), "No", IP);

        assertThat(proposals.save(id, content("Again", "1"), "x"))
                .isEqualTo(new SaveOutcome.Refused(List.of("The proposal was declined; it is not changed any more.")));
        assertThat(sending.send(id, "ana@acme.test", "x"))
                .isEqualTo(new SendOutcome.Refused("The proposal was declined; it cannot be sent again."));
    }
}
