package dev.clarity.crm.campaigns;

import static dev.clarity.migrations.jooq.Tables.CAMPAIGNS;
import static dev.clarity.migrations.jooq.Tables.CAMPAIGN_RECIPIENTS;
import static dev.clarity.migrations.jooq.Tables.CONTACTS;
import static dev.clarity.migrations.jooq.Tables.CONTACT_LISTS;
import static dev.clarity.migrations.jooq.Tables.MAIL_OUTBOX;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Campaigns in PostgreSQL: drafts, scheduling, cancelling and each campaign's progress (recipients counted here, mail
 * states read from the outbox by key). Sending is {@link CampaignSender}'s. Thread-safe.
 */
public final class JooqCampaigns {
    private final DSLContext dsl;
    private final InstantSource clock;
    private final Audit audit;

    public JooqCampaigns(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    /** Saves a draft and audits it ({@code campaign.created}) in one transaction. */
    public long create(CampaignDraft draft, String actor) {
        return dsl.transactionResult(tx -> {
            long id = tx.dsl()
                    .insertInto(CAMPAIGNS)
                    .set(CAMPAIGNS.LIST_ID, draft.listId())
                    .set(CAMPAIGNS.SUBJECT, draft.subject())
                    .set(CAMPAIGNS.BODY, draft.body())
                    .set(CAMPAIGNS.PER_MINUTE, draft.perMinute())
                    .set(CAMPAIGNS.SEND_AT, draft.sendAt().orElse(null))
                    .set(CAMPAIGNS.CREATED_BY, actor)
                    .set(CAMPAIGNS.CREATED_AT, now())
                    .returning(CAMPAIGNS.ID)
                    .fetchOne(CAMPAIGNS.ID);
            audit.write(
                    tx.dsl(),
                    AuditEntry.of(
                            actor,
                            "campaign.created",
                            "campaign",
                            id,
                            "to list " + draft.listId() + ", " + draft.perMinute() + " per minute"
                                    + draft.sendAt().map(at -> ", from " + at).orElse("")));
            return id;
        });
    }

    /**
     * Schedules a draft (at its start time, or now) and audits it ({@code campaign.scheduled}); false, and nothing
     * written, when it is not a draft any more.
     */
    public boolean schedule(long id, String actor) {
        OffsetDateTime now = now();
        return dsl.transactionResult(tx -> {
            boolean scheduled = tx.dsl()
                            .update(CAMPAIGNS)
                            .set(CAMPAIGNS.STATE, "scheduled")
                            .set(CAMPAIGNS.NEXT_BATCH_AT, DSL.coalesce(CAMPAIGNS.SEND_AT, DSL.val(now)))
                            .where(CAMPAIGNS.ID.eq(id))
                            .and(CAMPAIGNS.STATE.eq("draft"))
                            .execute()
                    == 1;
            if (scheduled) {
                audit.write(tx.dsl(), AuditEntry.of(actor, "campaign.scheduled", "campaign", id, null));
            }
            return scheduled;
        });
    }

    /**
     * Stops a campaign that has not finished and audits it ({@code campaign.cancelled}); recipients already queued
     * keep their mail. False, and nothing written, when it had finished or was cancelled already.
     */
    public boolean cancel(long id, String actor) {
        return dsl.transactionResult(tx -> {
            String before = tx.dsl()
                    .select(CAMPAIGNS.STATE)
                    .from(CAMPAIGNS)
                    .where(CAMPAIGNS.ID.eq(id))
                    .forUpdate()
                    .fetchOptional(CAMPAIGNS.STATE)
                    .orElse(null);
            boolean cancelled = tx.dsl()
                            .update(CAMPAIGNS)
                            .set(CAMPAIGNS.STATE, "cancelled")
                            .set(CAMPAIGNS.FINISHED_AT, now())
                            .where(CAMPAIGNS.ID.eq(id))
                            .and(CAMPAIGNS.STATE.in("draft", "scheduled", "sending"))
                            .execute()
                    == 1;
            if (cancelled) {
                audit.write(tx.dsl(), AuditEntry.of(actor, "campaign.cancelled", "campaign", id, "was " + before));
            }
            return cancelled;
        });
    }

    public List<Campaign> list() {
        return select().orderBy(CAMPAIGNS.ID.desc()).limit(200).fetch(JooqCampaigns::campaign);
    }

    public Optional<Campaign> find(long id) {
        return select().where(CAMPAIGNS.ID.eq(id)).fetchOptional(JooqCampaigns::campaign);
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        Field<Integer> contacts =
                DSL.field(DSL.selectCount().from(CONTACTS).where(CONTACTS.LIST_ID.eq(CAMPAIGNS.LIST_ID)));
        Field<Integer> queued = recipients("queued");
        Field<Integer> suppressed = recipients("suppressed");
        Field<Integer> sent = mails("sent");
        Field<Integer> failed = mails("failed");
        return dsl.select(CAMPAIGNS.fields())
                .select(
                        CONTACT_LISTS.NAME,
                        contacts.as("contacts"),
                        queued.as("queued"),
                        suppressed.as("suppressed"),
                        sent.as("sent"),
                        failed.as("failed"))
                .from(CAMPAIGNS)
                .join(CONTACT_LISTS)
                .on(CONTACT_LISTS.ID.eq(CAMPAIGNS.LIST_ID));
    }

    private static Field<Integer> recipients(String state) {
        return DSL.field(DSL.selectCount()
                .from(CAMPAIGN_RECIPIENTS)
                .where(CAMPAIGN_RECIPIENTS.CAMPAIGN_ID.eq(CAMPAIGNS.ID))
                .and(CAMPAIGN_RECIPIENTS.STATE.eq(state)));
    }

    private static Field<Integer> mails(String state) {
        return DSL.field(DSL.selectCount()
                .from(CAMPAIGN_RECIPIENTS)
                .join(MAIL_OUTBOX)
                .on(MAIL_OUTBOX.IDEMPOTENCY_KEY.eq(CAMPAIGN_RECIPIENTS.MAIL_KEY))
                .where(CAMPAIGN_RECIPIENTS.CAMPAIGN_ID.eq(CAMPAIGNS.ID))
                .and(MAIL_OUTBOX.STATE.eq(state)));
    }

    private static Campaign campaign(Record r) {
        return new Campaign(
                r.get(CAMPAIGNS.ID),
                r.get(CAMPAIGNS.LIST_ID),
                r.get(CONTACT_LISTS.NAME),
                r.get(CAMPAIGNS.SUBJECT),
                r.get(CAMPAIGNS.BODY),
                r.get(CAMPAIGNS.STATE),
                r.get(CAMPAIGNS.SEND_AT),
                r.get(CAMPAIGNS.PER_MINUTE),
                r.get(CAMPAIGNS.STARTED_AT),
                r.get(CAMPAIGNS.FINISHED_AT),
                new Campaign.Progress(
                        r.get("contacts", Integer.class),
                        r.get("queued", Integer.class),
                        r.get("suppressed", Integer.class),
                        r.get("sent", Integer.class),
                        r.get("failed", Integer.class)));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
