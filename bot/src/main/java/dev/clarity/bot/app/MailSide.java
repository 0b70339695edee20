package dev.clarity.bot.app;

import static dev.clarity.migrations.jooq.Tables.ORGANISATION_SETTINGS;

import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.ConfigException;
import dev.clarity.crm.campaigns.CampaignSender;
import dev.clarity.crm.campaigns.UnsubscribeTokens;
import dev.clarity.crm.mail.Backoff;
import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailConfigException;
import dev.clarity.crm.mail.MailEnvironment;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.mail.OutboxWorker;
import dev.clarity.crm.mail.SmtpMailer;
import dev.clarity.crm.mail.SmtpSettings;
import dev.clarity.crm.notify.JooqDailyDigest;
import dev.clarity.crm.notify.JooqNotifications;
import dev.clarity.crm.notify.Notifications;
import dev.clarity.crm.secrets.SecretSealer;
import dev.clarity.migrations.Database;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail in {@code serve}: with {@code CLARITY_SMTP_URL} and {@code CLARITY_MAIL_FROM} set, the notifications the
 * execution store tells queue mail, one thread sends the outbox every few seconds, queues the daily digests and the
 * due campaigns' batches;
 * without them, no one is told and nothing is queued (mail queued while nothing sends would arrive days late).
 */
final class MailSide {
    private static final Logger log = LoggerFactory.getLogger(MailSide.class);
    /** Longer than any SMTP wait ({@link #SMTP_TIMEOUT} for connect, each read and each write of one message). */
    static final Duration LEASE = Duration.ofMinutes(5);

    static final Duration SMTP_TIMEOUT = Duration.ofSeconds(30);

    /** How often due campaigns are looked for; each campaign's own rate decides how much one batch sends. */
    static final Duration CAMPAIGN_TICK = Duration.ofSeconds(15);

    private final Notifications notifications;
    private final boolean sends;

    private MailSide(Notifications notifications, boolean sends) {
        this.notifications = notifications;
        this.sends = sends;
    }

    /** Whether mail goes out (the campaign pages say so when it does not). */
    boolean sends() {
        return sends;
    }

    /** What the execution store tells when the orchestrator stops an execution. */
    Notifications notifications() {
        return notifications;
    }

    /**
     * Reads the mail settings from {@code env} (a malformed one is a {@link ConfigException} naming it) and starts
     * the sender on a thread that {@code parts} stops. Queued bodies are sealed with {@code sealer} (the secrets key the
     * dashboard's outbox seals with too).
     */
    static MailSide start(
            ClarityConfig config,
            Map<String, String> env,
            Database database,
            InstantSource clock,
            Parts parts,
            SecretSealer sealer) {
        Optional<SmtpSettings> smtp = settings(env);
        ZoneId digestZone = digestZone(env);
        if (smtp.isEmpty()) {
            log.info("Mail is not configured ({} unset): no mail is sent", MailEnvironment.SMTP_URL);
            return new MailSide(Notifications.NONE, false);
        }
        URI publicUrl = config.publicUrl().orElse(URI.create("http://localhost:" + config.port()));
        MailTemplates templates = new MailTemplates(config.dataDir().resolve("jte-mail-classes"));
        JooqMailOutbox outbox = new JooqMailOutbox(database.dsl(), clock, LEASE, Backoff.DEFAULT, sealer);
        OutboxWorker worker = new OutboxWorker(outbox, new SmtpMailer(smtp.get(), SMTP_TIMEOUT, clock), 20);
        JooqDailyDigest digest = new JooqDailyDigest(database.dsl(), outbox, templates, publicUrl, clock, digestZone);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("mail-outbox").daemon().factory());
        parts.add(timer::shutdownNow);
        parts.add(worker.every(timer, Duration.ofSeconds(10)));
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        digest.queueDue();
                    } catch (RuntimeException e) {
                        log.warn("Queueing daily digests: {}", e.getMessage(), e);
                    }
                },
                1,
                10,
                TimeUnit.MINUTES);
        log.info(
                "Mail goes out through {} as {} ({})",
                smtp.get().address(),
                smtp.get().from(),
                smtp.get().protection());
        JooqNotifications notifications = new JooqNotifications(outbox, templates, publicUrl);
        // the first render runs the compiler: do it now, not inside the first transition that sends mail
        timer.execute(() -> {
            try {
                notifications.warmUp();
            } catch (RuntimeException e) {
                log.error("Compiling the mail templates", e);
            }
        });
        campaigns(database, outbox, templates, publicUrl, clock, timer);
        return new MailSide(notifications, true);
    }

    /**
     * Runs one batch of every due campaign every {@link #CAMPAIGN_TICK} on the mail thread. The organisation named in
     * the mails' footer is read for each tick, so a renamed organisation shows from the next batch on.
     */
    private static void campaigns(
            Database database,
            JooqMailOutbox outbox,
            MailTemplates templates,
            URI publicUrl,
            InstantSource clock,
            ScheduledExecutorService timer) {
        UnsubscribeTokens tokens = new UnsubscribeTokens(new SecureRandom());
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        String organisation = database.dsl()
                                .select(ORGANISATION_SETTINGS.NAME)
                                .from(ORGANISATION_SETTINGS)
                                .fetchOptional(ORGANISATION_SETTINGS.NAME)
                                .orElse("Clarity");
                        int queued = new CampaignSender(
                                        database.dsl(), outbox, templates, tokens, publicUrl, organisation, clock)
                                .tick();
                        if (queued > 0) {
                            log.info("Queued {} campaign mail(s)", queued);
                        }
                    } catch (RuntimeException e) {
                        log.warn("Sending the due campaign batches: {}", e.getMessage(), e);
                    }
                },
                CAMPAIGN_TICK.toSeconds(),
                CAMPAIGN_TICK.toSeconds(),
                TimeUnit.SECONDS);
    }

    /** Where a digest day ends: {@code CLARITY_DIGEST_ZONE}, else the server's zone; a bad name stops the start. */
    static ZoneId digestZone(Map<String, String> env) {
        try {
            return MailEnvironment.digestZone(env, ZoneId.systemDefault());
        } catch (MailConfigException e) {
            throw new ConfigException(e.variable(), e.getMessage());
        }
    }

    /** The SMTP settings of {@code env}; a malformed one stops the start with one line naming the variable. */
    static Optional<SmtpSettings> settings(Map<String, String> env) {
        try {
            return MailEnvironment.read(env);
        } catch (MailConfigException e) {
            throw new ConfigException(e.variable(), e.getMessage());
        }
    }
}
