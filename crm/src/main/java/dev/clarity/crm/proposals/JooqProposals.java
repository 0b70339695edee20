package dev.clarity.crm.proposals;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROPOSALS;
import static dev.clarity.migrations.jooq.Tables.PROPOSAL_EVENTS;
import static dev.clarity.migrations.jooq.Tables.PROPOSAL_VERSIONS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import dev.clarity.crm.money.Money;
import dev.clarity.crm.money.UnknownCurrencyException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record;

/**
 * Proposals and their versions in PostgreSQL. A save locks the proposal's row and appends version n+1 with the whole
 * content, so two managers saving at once get two versions, never one lost. A proposal that was accepted or declined
 * is not edited any more. Thread-safe.
 */
public final class JooqProposals {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final DSLContext dsl;
    private final InstantSource clock;
    private final Audit audit;

    public JooqProposals(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    /** Creates a proposal for {@code customerId} (in its billing currency) with {@code content} as version 1. */
    public SaveOutcome create(long customerId, Long projectId, ProposalContent content, String actor) {
        List<String> problems = content.problems(today());
        Optional<String> currency = dsl.select(CUSTOMERS.BILLING_CURRENCY)
                .from(CUSTOMERS)
                .where(CUSTOMERS.ID.eq(customerId).and(CUSTOMERS.ARCHIVED_AT.isNull()))
                .fetchOptional(CUSTOMERS.BILLING_CURRENCY);
        if (currency.isEmpty()) {
            return new SaveOutcome.Refused(List.of("Choose a customer."));
        }
        if (projectId != null
                && !dsl.fetchExists(PROJECTS, PROJECTS.ID.eq(projectId).and(PROJECTS.CUSTOMER_ID.eq(customerId)))) {
            return new SaveOutcome.Refused(List.of("The project must be one of the customer's projects."));
        }
        if (!problems.isEmpty()) {
            return new SaveOutcome.Refused(problems);
        }
        return dsl.transactionResult(tx -> {
            OffsetDateTime now = now();
            long id = tx.dsl()
                    .insertInto(PROPOSALS)
                    .set(PROPOSALS.CUSTOMER_ID, customerId)
                    .set(PROPOSALS.PROJECT_ID, projectId)
                    .set(PROPOSALS.TITLE, content.title().strip())
                    .set(PROPOSALS.CURRENCY, currency.get())
                    .set(PROPOSALS.LATEST_VERSION, 1)
                    .set(PROPOSALS.CREATED_BY, actor)
                    .set(PROPOSALS.CREATED_AT, now)
                    .set(PROPOSALS.UPDATED_AT, now)
                    .returning(PROPOSALS.ID)
                    .fetchOne(PROPOSALS.ID);
            insertVersion(tx.dsl(), id, 1, content, currency.get(), actor, now);
            audit.write(tx.dsl(), AuditEntry.of(actor, "proposal.created", "proposal", id, "version 1"));
            return new SaveOutcome.Saved(id, 1);
        });
    }

    /** Saves {@code content} as the next version of proposal {@code id}. */
    public SaveOutcome save(long id, ProposalContent content, String actor) {
        List<String> problems = content.problems(today());
        if (!problems.isEmpty()) {
            return new SaveOutcome.Refused(problems);
        }
        return dsl.transactionResult(tx -> {
            var row = tx.dsl()
                    .selectFrom(PROPOSALS)
                    .where(PROPOSALS.ID.eq(id))
                    .forUpdate()
                    .fetchOne();
            if (row == null) {
                return new SaveOutcome.Refused(List.of("There is no proposal " + id + "."));
            }
            if (row.getState().equals("accepted") || row.getState().equals("declined")) {
                return new SaveOutcome.Refused(
                        List.of("The proposal was " + row.getState() + "; it is not changed any more."));
            }
            int version = row.getLatestVersion() + 1;
            OffsetDateTime now = now();
            insertVersion(tx.dsl(), id, version, content, row.getCurrency(), actor, now);
            tx.dsl()
                    .update(PROPOSALS)
                    .set(PROPOSALS.LATEST_VERSION, version)
                    .set(PROPOSALS.TITLE, content.title().strip())
                    .set(PROPOSALS.UPDATED_AT, now)
                    .where(PROPOSALS.ID.eq(id))
                    .execute();
            audit.write(tx.dsl(), AuditEntry.of(actor, "proposal.saved", "proposal", id, "version " + version));
            return new SaveOutcome.Saved(id, version);
        });
    }

    public Optional<Proposal> proposal(long id) {
        return proposal(dsl, id);
    }

    /** The same read inside the transaction of {@code tx} (a decision reads what its own locks protect). */
    Optional<Proposal> proposal(DSLContext tx, long id) {
        return select(tx).where(PROPOSALS.ID.eq(id)).fetchOptional(JooqProposals::proposal);
    }

    /**
     * Up to {@code limit} proposals with an id below {@code beforeId} (0: from the newest), newest first, of those
     * {@code visible} keeps: a condition on {@code proposals} made by the web layer from who is asking (whose
     * customers they reach), so that a page is filtered in the SQL, never after reading.
     */
    public List<Proposal> page(org.jooq.Condition visible, long beforeId, int limit) {
        return select(dsl)
                .where(beforeId > 0 ? PROPOSALS.ID.lt(beforeId) : PROPOSALS.ID.isNotNull())
                .and(visible)
                .orderBy(PROPOSALS.ID.desc())
                .limit(limit)
                .fetch(JooqProposals::proposal);
    }

    public Optional<ProposalVersion> version(long id, int version) {
        return version(dsl, id, version);
    }

    Optional<ProposalVersion> version(DSLContext tx, long id, int version) {
        return tx.select(PROPOSAL_VERSIONS.asterisk(), PROPOSALS.CURRENCY)
                .from(PROPOSAL_VERSIONS)
                .join(PROPOSALS)
                .on(PROPOSALS.ID.eq(PROPOSAL_VERSIONS.PROPOSAL_ID))
                .where(PROPOSAL_VERSIONS.PROPOSAL_ID.eq(id).and(PROPOSAL_VERSIONS.VERSION.eq(version)))
                .fetchOptional(r -> {
                    ProposalContent content = read(r.get(PROPOSAL_VERSIONS.CONTENT));
                    return new ProposalVersion(
                            id,
                            version,
                            content,
                            Totals.of(content, Money.currency(r.get(PROPOSALS.CURRENCY))),
                            r.get(PROPOSAL_VERSIONS.SAVED_BY),
                            r.get(PROPOSAL_VERSIONS.SAVED_AT).toInstant());
                });
    }

    /** What happened to proposal {@code id} through its links, oldest first. */
    public List<ProposalEvent> events(long id) {
        return dsl.selectFrom(PROPOSAL_EVENTS)
                .where(PROPOSAL_EVENTS.PROPOSAL_ID.eq(id))
                .orderBy(PROPOSAL_EVENTS.AT, PROPOSAL_EVENTS.ID)
                .fetch(r ->
                        new ProposalEvent(r.getKind(), r.getAt().toInstant(), r.getIp(), r.getName(), r.getComment()));
    }

    private static org.jooq.SelectOnConditionStep<Record> select(DSLContext dsl) {
        return dsl.select(PROPOSALS.asterisk(), CUSTOMERS.NAME)
                .from(PROPOSALS)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROPOSALS.CUSTOMER_ID));
    }

    private static Proposal proposal(Record r) {
        return new Proposal(
                r.get(PROPOSALS.ID),
                r.get(PROPOSALS.CUSTOMER_ID),
                r.get(CUSTOMERS.NAME),
                r.get(PROPOSALS.PROJECT_ID),
                r.get(PROPOSALS.TITLE),
                r.get(PROPOSALS.CURRENCY),
                r.get(PROPOSALS.STATE),
                r.get(PROPOSALS.LATEST_VERSION),
                r.get(PROPOSALS.SENT_VERSION),
                r.get(PROPOSALS.CREATED_BY),
                r.get(PROPOSALS.UPDATED_AT).toInstant());
    }

    private static void insertVersion(
            DSLContext tx,
            long id,
            int version,
            ProposalContent content,
            String currency,
            String actor,
            OffsetDateTime now) {
        try {
            tx.insertInto(PROPOSAL_VERSIONS)
                    .set(PROPOSAL_VERSIONS.PROPOSAL_ID, id)
                    .set(PROPOSAL_VERSIONS.VERSION, version)
                    .set(PROPOSAL_VERSIONS.CONTENT, org.jooq.JSON.valueOf(MAPPER.writeValueAsString(content)))
                    .set(PROPOSAL_VERSIONS.VALID_UNTIL, content.validUntil())
                    .set(
                            PROPOSAL_VERSIONS.TOTAL,
                            Totals.of(content, Money.currency(currency)).total().amount())
                    .set(PROPOSAL_VERSIONS.SAVED_BY, actor)
                    .set(PROPOSAL_VERSIONS.SAVED_AT, now)
                    .execute();
        } catch (JsonProcessingException | UnknownCurrencyException e) {
            throw new IllegalStateException("writing version " + version + " of proposal " + id, e);
        }
    }

    static ProposalContent read(JSON json) {
        try {
            return MAPPER.readValue(json.data(), ProposalContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reading a stored proposal version", e);
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
