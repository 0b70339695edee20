package dev.clarity.crm.campaigns;

import static dev.clarity.migrations.jooq.Tables.CAMPAIGNS;
import static dev.clarity.migrations.jooq.Tables.CAMPAIGN_RECIPIENTS;
import static dev.clarity.migrations.jooq.Tables.CONTACTS;
import static dev.clarity.migrations.jooq.Tables.SUPPRESSIONS;

import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.mail.OutgoingMail;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Result;

/**
 * Sends due campaigns one batch at a time. {@link #tick()} takes each due campaign with {@code FOR UPDATE SKIP
 * LOCKED} (replicas share the work, never a batch), reads its next {@code per_minute} contacts after the cursor, and in
 * the same transaction queues one mail per contact in the outbox (key {@code campaign:ID:contact:ID}, so a batch run
 * again queues nothing twice), records each recipient, moves the cursor, and sets the next batch a minute later — or
 * marks the campaign sent when the list is through. An address on the suppression list when its batch runs gets no
 * mail. Each mail carries {@code List-Unsubscribe} with its own link and {@code List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click} (RFC 8058), and the same link in its footer. Called by the composition root's scheduler.
 */
public final class CampaignSender {
    private static final Duration BATCH_INTERVAL = Duration.ofMinutes(1);

    private final DSLContext dsl;
    private final JooqMailOutbox outbox;
    private final MailTemplates templates;
    private final UnsubscribeTokens tokens;
    private final URI publicUrl;
    private final String organisation;
    private final InstantSource clock;

    public CampaignSender(
            DSLContext dsl,
            JooqMailOutbox outbox,
            MailTemplates templates,
            UnsubscribeTokens tokens,
            URI publicUrl,
            String organisation,
            InstantSource clock) {
        this.dsl = dsl;
        this.outbox = outbox;
        this.templates = templates;
        this.tokens = tokens;
        this.publicUrl = publicUrl;
        this.organisation = organisation;
        this.clock = clock;
    }

    /** Runs one batch of every due campaign; returns how many mails were queued. */
    public int tick() {
        int queued = 0;
        while (true) {
            Integer one = dsl.transactionResult(tx -> batch(tx.dsl()));
            if (one == null) {
                return queued;
            }
            queued += one;
        }
    }

    /** One batch of one due campaign, or null when none is due. */
    private Integer batch(DSLContext tx) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        Record campaign = tx.select(CAMPAIGNS.fields())
                .from(CAMPAIGNS)
                .where(CAMPAIGNS.STATE.in("scheduled", "sending"))
                .and(CAMPAIGNS.NEXT_BATCH_AT.le(now))
                .orderBy(CAMPAIGNS.NEXT_BATCH_AT, CAMPAIGNS.ID)
                .limit(1)
                .forUpdate()
                .skipLocked()
                .fetchOne();
        if (campaign == null) {
            return null;
        }
        long id = campaign.get(CAMPAIGNS.ID);
        int limit = campaign.get(CAMPAIGNS.PER_MINUTE);
        Result<Record3<Long, String, String>> contacts = tx.select(CONTACTS.ID, CONTACTS.EMAIL, CONTACTS.NAME)
                .from(CONTACTS)
                .where(CONTACTS.LIST_ID.eq(campaign.get(CAMPAIGNS.LIST_ID)))
                .and(CONTACTS.ID.gt(campaign.get(CAMPAIGNS.CURSOR_CONTACT_ID)))
                .orderBy(CONTACTS.ID)
                .limit(limit)
                .fetch();
        String[] emails = contacts.getValues(CONTACTS.EMAIL).toArray(String[]::new);
        Set<String> suppressed = new HashSet<>(tx.select(SUPPRESSIONS.EMAIL)
                .from(SUPPRESSIONS)
                .where(SUPPRESSIONS.EMAIL.eq(org.jooq.impl.DSL.any(emails)))
                .fetch(SUPPRESSIONS.EMAIL));
        int queued = 0;
        for (Record3<Long, String, String> contact : contacts) {
            long contactId = contact.get(CONTACTS.ID);
            String email = contact.get(CONTACTS.EMAIL);
            if (suppressed.contains(email)) {
                recipient(tx, id, contactId, email, "suppressed", null, null, now);
                continue;
            }
            String token = tokens.next();
            String link = publicUrl.resolve("/u/" + token).toString();
            String key = "campaign:" + id + ":contact:" + contactId;
            MailTemplates.Body body = templates.render(
                    "campaign",
                    Map.of(
                            "paragraphs", paragraphs(campaign.get(CAMPAIGNS.BODY)),
                            "unsubscribe", link,
                            "organisation", organisation));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("List-Unsubscribe", "<" + link + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            outbox.queue(
                    tx,
                    new OutgoingMail(
                            key, email, campaign.get(CAMPAIGNS.SUBJECT), body.html(), body.text(), headers, List.of()));
            recipient(tx, id, contactId, email, "queued", key, UnsubscribeTokens.hash(token), now);
            queued++;
        }
        boolean done = contacts.size() < limit;
        tx.update(CAMPAIGNS)
                .set(CAMPAIGNS.STATE, done ? "sent" : "sending")
                .set(CAMPAIGNS.STARTED_AT, org.jooq.impl.DSL.coalesce(CAMPAIGNS.STARTED_AT, org.jooq.impl.DSL.val(now)))
                .set(CAMPAIGNS.FINISHED_AT, done ? now : null)
                .set(
                        CAMPAIGNS.CURSOR_CONTACT_ID,
                        contacts.isEmpty()
                                ? campaign.get(CAMPAIGNS.CURSOR_CONTACT_ID)
                                : contacts.getLast().get(CONTACTS.ID))
                .set(CAMPAIGNS.NEXT_BATCH_AT, done ? null : now.plus(BATCH_INTERVAL))
                .where(CAMPAIGNS.ID.eq(id))
                .execute();
        return queued;
    }

    private static void recipient(
            DSLContext tx,
            long campaign,
            long contact,
            String email,
            String state,
            String key,
            String hash,
            OffsetDateTime now) {
        tx.insertInto(CAMPAIGN_RECIPIENTS)
                .set(CAMPAIGN_RECIPIENTS.CAMPAIGN_ID, campaign)
                .set(CAMPAIGN_RECIPIENTS.CONTACT_ID, contact)
                .set(CAMPAIGN_RECIPIENTS.EMAIL, email)
                .set(CAMPAIGN_RECIPIENTS.STATE, state)
                .set(CAMPAIGN_RECIPIENTS.MAIL_KEY, key)
                .set(CAMPAIGN_RECIPIENTS.UNSUBSCRIBE_HASH, hash)
                .set(CAMPAIGN_RECIPIENTS.AT, now)
                .onConflictDoNothing()
                .execute();
    }

    /** The body's paragraphs: blocks separated by blank lines, each kept as text (escaped by the template). */
    static List<String> paragraphs(String body) {
        return Arrays.stream(body.strip().split("\\R\\s*\\R"))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList();
    }
}
