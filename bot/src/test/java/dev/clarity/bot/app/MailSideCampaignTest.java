package dev.clarity.bot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.crm.campaigns.CampaignDraft;
import dev.clarity.crm.campaigns.JooqCampaigns;
import dev.clarity.crm.contacts.ColumnMapping;
import dev.clarity.crm.contacts.ContactImport;
import dev.clarity.crm.contacts.CsvReader;
import dev.clarity.crm.contacts.JooqContactStore;
import dev.clarity.crm.mail.MailEnvironment;
import dev.clarity.crm.secrets.AesGcmSealer;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s mail thread with SMTP configured: a campaign scheduled on the pages goes out without anyone calling
 * the sender, with the organisation's name and the public URL's unsubscribe link.
 */
class MailSideCampaignTest {
    @TempDir
    Path home;

    @Test
    void a_scheduled_campaign_is_sent_by_the_mail_thread_with_the_public_unsubscribe_link() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> env = Map.of(
                EnvironmentConfig.DATA_DIR,
                home.resolve("data").toString(),
                EnvironmentConfig.PUBLIC_URL,
                "https://clarity.acme.test",
                MailEnvironment.SMTP_URL,
                "smtp://127.0.0.1:" + port,
                MailEnvironment.MAIL_FROM,
                "Acme <news@acme.test>");
        ClarityConfig config = EnvironmentConfig.load(env, home);
        InstantSource clock = InstantSource.system();
        try (Database database = Database.open(new DatabaseLocation.Embedded(home.resolve("db"), false), 4, null);
                Parts parts = new Parts()) {
            database.dsl().execute("update organisation_settings set name = 'Acme Agency'");
            JooqContactStore contacts = new JooqContactStore(database.dsl(), clock);
            long list = contacts.createList("News", "mia");
            long upload = contacts.saveUpload(
                    list, "l.csv", "email\nana@acme.test\n".getBytes(StandardCharsets.UTF_8), "mia");
            new ContactImport(contacts, new CsvReader(100))
                    .confirm(contacts.upload(upload).orElseThrow(), ColumnMapping.guess(List.of("email")), "mia");
            JooqCampaigns campaigns = new JooqCampaigns(database.dsl(), clock);
            var draft = (CampaignDraft.Checked.Good) CampaignDraft.check(
                    Map.of("list", String.valueOf(list), "subject", "Hello", "body", "News."), id -> true);
            assertThat(campaigns.schedule(campaigns.create(draft.draft(), "mia"), "mia"))
                    .isTrue();

            MailSide mail = MailSide.start(
                    config, env, database, clock, parts, AesGcmSealer.withFreshKey(new java.security.SecureRandom()));

            assertThat(mail.sends()).isTrue();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (smtp.getReceivedMessages().length == 0 && Instant.now().isBefore(deadline)) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            var got = smtp.getReceivedMessages()[0];
            assertThat(got.getHeader("List-Unsubscribe")[0]).startsWith("<https://clarity.acme.test/u/");
            assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(got)).contains("Acme Agency");
        } finally {
            smtp.stop();
        }
    }
}
