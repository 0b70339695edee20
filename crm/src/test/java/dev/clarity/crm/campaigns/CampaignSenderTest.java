package dev.clarity.crm.campaigns;

import static dev.clarity.migrations.jooq.Tables.MAIL_OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.contacts.ColumnMapping;
import dev.clarity.crm.contacts.ContactImport;
import dev.clarity.crm.contacts.CsvReader;
import dev.clarity.crm.contacts.ImportOutcome;
import dev.clarity.crm.contacts.JooqContactStore;
import dev.clarity.crm.mail.Backoff;
import dev.clarity.crm.mail.ClaimedMail;
import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.secrets.AesGcmSealer;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CampaignSenderTest {
    static final AesGcmSealer SEALER = AesGcmSealer.withFreshKey(new java.security.SecureRandom());
    private static final Pattern LINK = Pattern.compile("https://clarity\\.example\\.com/u/([A-Za-z0-9_-]{22})");
    private static final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T09:00:00Z"));
    private static final InstantSource clock = () -> now.get();
    private static Database database;
    private static JooqContactStore contacts;
    private static JooqCampaigns campaigns;
    private static CampaignSender sender;
    private static JooqMailOutbox outbox;
    private static Unsubscribes unsubscribes;

    @BeforeAll
    static void database() throws Exception {
        var dir = Files.createTempDirectory("clarity-campaigns-test");
        database = Database.open(new DatabaseLocation.Embedded(dir, false), 8, null);
        contacts = new JooqContactStore(database.dsl(), clock);
        campaigns = new JooqCampaigns(database.dsl(), clock);
        outbox = new JooqMailOutbox(database.dsl(), clock, Duration.ofMinutes(5), Backoff.DEFAULT, SEALER);
        sender = new CampaignSender(
                database.dsl(),
                outbox,
                new MailTemplates(dir.resolve("jte")),
                new UnsubscribeTokens(new SecureRandom()),
                URI.create("https://clarity.example.com/"),
                "Acme Agency",
                clock);
        unsubscribes = new Unsubscribes(database.dsl(), clock);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static long listOf(String... emails) {
        long list = contacts.createList("List " + System.nanoTime(), "mia");
        long upload = contacts.saveUpload(
                list, "l.csv", ("email\n" + String.join("\n", emails) + "\n").getBytes(StandardCharsets.UTF_8), "mia");
        ImportOutcome outcome = new ContactImport(contacts, new CsvReader(1_000))
                .confirm(contacts.upload(upload).orElseThrow(), ColumnMapping.guess(List.of("email")), "mia");
        assertThat(outcome).isInstanceOf(ImportOutcome.Imported.class);
        return list;
    }

    private static long campaign(long list, int perMinute) {
        var checked = CampaignDraft.check(
                Map.of(
                        "list",
                        String.valueOf(list),
                        "subject",
                        "Winter news",
                        "body",
                        "Hello <friend>,\n\nwe ship & you win.",
                        "per_minute",
                        String.valueOf(perMinute)),
                id -> true);
        long id = campaigns.create(((CampaignDraft.Checked.Good) checked).draft(), "mia");
        assertThat(campaigns.schedule(id, "mia")).isTrue();
        return id;
    }

    private static List<ClaimedMail> drain() {
        return outbox.claim(100);
    }

    @Test
    void a_campaign_goes_out_in_batches_at_its_rate_and_each_mail_carries_its_one_click_unsubscribe() {
        long list = listOf("a@example.com", "b@example.com", "c@example.com");
        long id = campaign(list, 2);

        assertThat(sender.tick()).isEqualTo(2);
        assertThat(sender.tick()).as("the next batch waits a minute").isZero();
        assertThat(campaigns.find(id).orElseThrow().state()).isEqualTo("sending");
        assertThat(campaigns.find(id).orElseThrow().progress().percent()).isEqualTo(66);
        now.set(now.get().plusSeconds(60));
        assertThat(sender.tick()).isEqualTo(1);

        Campaign sent = campaigns.find(id).orElseThrow();
        assertThat(sent.state()).isEqualTo("sent");
        assertThat(sent.progress()).isEqualTo(new Campaign.Progress(3, 3, 0, 0, 0));
        List<ClaimedMail> mails = drain().stream()
                .filter(m -> m.mail().idempotencyKey().startsWith("campaign:" + id + ":"))
                .toList();
        assertThat(mails)
                .extracting(m -> m.mail().to())
                .containsExactlyInAnyOrder("a@example.com", "b@example.com", "c@example.com");
        var mail = mails.getFirst().mail();
        assertThat(mail.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        Matcher header = LINK.matcher(mail.headers().get("List-Unsubscribe"));
        assertThat(header.find()).isTrue();
        assertThat(mail.html())
                .contains("<p>Hello &lt;friend&gt;,</p>", "<p>we ship &amp; you win.</p>", header.group());
        assertThat(mail.text()).contains("Hello <friend>,", "unsubscribe: " + header.group());
    }

    @Test
    void an_address_that_unsubscribed_through_its_link_is_skipped_by_the_next_campaign_and_later_imports() {
        long list = listOf("keep@example.com", "leave@example.com");
        long first = campaign(list, 100);
        sender.tick();
        var leaving = drain().stream()
                .filter(m -> m.mail().to().equals("leave@example.com"))
                .filter(m -> m.mail().idempotencyKey().startsWith("campaign:" + first + ":"))
                .findFirst()
                .orElseThrow();
        Matcher link = LINK.matcher(leaving.mail().headers().get("List-Unsubscribe"));
        assertThat(link.find()).isTrue();

        assertThat(unsubscribes.find(link.group(1))).contains("leave@example.com");
        assertThat(unsubscribes.unsubscribe(link.group(1))).contains("leave@example.com");
        assertThat(unsubscribes.unsubscribe(link.group(1)))
                .as("twice is harmless")
                .contains("leave@example.com");
        assertThat(unsubscribes.find("A".repeat(22))).isEmpty();
        assertThat(unsubscribes.find("not a token")).isEmpty();

        long second = campaign(list, 100);
        assertThat(sender.tick()).isEqualTo(1);
        assertThat(campaigns.find(second).orElseThrow().progress()).isEqualTo(new Campaign.Progress(2, 1, 1, 0, 0));
        assertThat(database.dsl()
                        .fetchCount(
                                MAIL_OUTBOX,
                                MAIL_OUTBOX
                                        .IDEMPOTENCY_KEY
                                        .startsWith("campaign:" + second + ":")
                                        .and(MAIL_OUTBOX.RECIPIENT.eq("leave@example.com"))))
                .isZero();
        assertThat(contacts.isSuppressed("Leave@Example.com")).isTrue();
    }

    @Test
    void a_cancelled_campaign_queues_nothing_more_and_a_bad_form_names_each_field() {
        long list = listOf("x@example.com", "y@example.com");
        long id = campaign(list, 1);
        assertThat(sender.tick()).isEqualTo(1);
        assertThat(campaigns.cancel(id, "mia")).isTrue();
        now.set(now.get().plusSeconds(120));

        assertThat(sender.tick()).isZero();
        assertThat(campaigns.find(id).orElseThrow().progress().queued()).isEqualTo(1);

        var bad = CampaignDraft.check(
                Map.of("list", "x", "subject", "two\nlines", "body", " ", "per_minute", "0", "send_at", "tomorrow"),
                l -> true);
        assertThat(((CampaignDraft.Checked.Bad) bad).errors())
                .containsOnlyKeys("list", "subject", "body", "per_minute", "send_at");
        assertThat(CampaignSender.paragraphs("a\n\n\nb\r\n \r\nc")).containsExactly("a", "b", "c");
        assertThat(Optional.of(new UnsubscribeTokens(new SecureRandom()).next()))
                .get()
                .matches(UnsubscribeTokens::wellFormed);
    }
}
