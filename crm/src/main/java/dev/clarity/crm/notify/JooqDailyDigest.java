package dev.clarity.crm.notify;

import static dev.clarity.migrations.jooq.Tables.MAIL_DIGEST_ITEMS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;

import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.mail.OutgoingMail;
import java.net.URI;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Queues one mail per person listing the events collected for their digest before today began (in {@code zone}),
 * and marks those events digested in the same transaction. The mail is keyed by person and day, so two replicas
 * that run it at once queue one mail; rows locked by the other replica are skipped. Run it every few minutes.
 */
public final class JooqDailyDigest {
    private final DSLContext dsl;
    private final JooqMailOutbox outbox;
    private final MailTemplates templates;
    private final URI publicUrl;
    private final InstantSource clock;
    private final ZoneId zone;

    public JooqDailyDigest(
            DSLContext dsl,
            JooqMailOutbox outbox,
            MailTemplates templates,
            URI publicUrl,
            InstantSource clock,
            ZoneId zone) {
        this.dsl = dsl;
        this.outbox = outbox;
        this.templates = templates;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.zone = zone;
    }

    /** Queues the digests that are due; returns how many mails were queued. */
    public int queueDue() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        OffsetDateTime cutoff = today.atStartOfDay(zone).toOffsetDateTime();
        List<Long> people = dsl.selectDistinct(MAIL_DIGEST_ITEMS.PERSON_ID)
                .from(MAIL_DIGEST_ITEMS)
                .where(MAIL_DIGEST_ITEMS.DIGESTED_AT.isNull())
                .and(MAIL_DIGEST_ITEMS.AT.lt(cutoff))
                .fetch(MAIL_DIGEST_ITEMS.PERSON_ID);
        int queued = 0;
        for (long person : people) {
            if (dsl.transactionResult(tx -> digest(tx.dsl(), person, cutoff, today.minusDays(1)))) {
                queued++;
            }
        }
        return queued;
    }

    private boolean digest(DSLContext d, long personId, OffsetDateTime cutoff, LocalDate day) {
        var items = d.selectFrom(MAIL_DIGEST_ITEMS)
                .where(MAIL_DIGEST_ITEMS.PERSON_ID.eq(personId))
                .and(MAIL_DIGEST_ITEMS.DIGESTED_AT.isNull())
                .and(MAIL_DIGEST_ITEMS.AT.lt(cutoff))
                .orderBy(MAIL_DIGEST_ITEMS.AT, MAIL_DIGEST_ITEMS.EVENT_KEY)
                .forUpdate()
                .skipLocked()
                .fetch();
        if (items.isEmpty()) {
            return false;
        }
        var person = d.select(PEOPLE.EMAIL, PEOPLE.EXECUTION_MAIL, PEOPLE.DISPLAY_NAME.coalesce(PEOPLE.LOGIN))
                .from(PEOPLE)
                .where(PEOPLE.ID.eq(personId))
                .and(PEOPLE.ARCHIVED_AT.isNull())
                .fetchOne();
        boolean send = person != null
                && person.value1() != null
                && !person.value1().isBlank()
                && !MailPreference.OFF.spelling().equals(person.value2());
        boolean queued = false;
        if (send) {
            DigestMail mail = new DigestMail(
                    person.value3(),
                    day.toString(),
                    items.map(i -> new DigestMail.Line(i.getLine(), i.getLink())),
                    publicUrl.toString().replaceAll("/+$", "") + "/account");
            var body = templates.render("digest", Map.of("mail", mail));
            queued = outbox.queue(
                    d,
                    new OutgoingMail(
                            "digest-person-" + personId + "-" + day,
                            person.value1(),
                            mail.subject(),
                            body.html(),
                            body.text()));
        }
        d.update(MAIL_DIGEST_ITEMS)
                .set(MAIL_DIGEST_ITEMS.DIGESTED_AT, clock.instant().atZone(zone).toOffsetDateTime())
                .where(MAIL_DIGEST_ITEMS.PERSON_ID.eq(personId))
                .and(MAIL_DIGEST_ITEMS.EVENT_KEY.in(items.map(i -> i.getEventKey())))
                .execute();
        return queued;
    }
}
