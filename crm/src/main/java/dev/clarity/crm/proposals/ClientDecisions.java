package dev.clarity.crm.proposals;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.CUSTOMER_LIFECYCLE_CHANGES;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROPOSALS;
import static dev.clarity.migrations.jooq.Tables.PROPOSAL_EVENTS;
import static dev.clarity.migrations.jooq.Tables.PROPOSAL_LINKS;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.mail.OutgoingMail;
import dev.clarity.migrations.jooq.tables.records.ProposalLinksRecord;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The client's side of a proposal link, with no account: opening it (each view recorded with time and IP),
 * accepting it with a typed name, declining it with a comment. The token is looked up by its SHA-256 and the stored
 * hash compared again with {@link MessageDigest#isEqual}. A decision locks the link's row, so of two at once one
 * wins and the other finds the link used. Acceptance, in the same transaction: creates the proposal's project (or
 * unarchives the named one), moves a {@code lead} customer to {@code active}, writes the {@code audit} row and
 * queues the manager's mail (the customer's manager, else the proposal's author). Thread-safe.
 */
public final class ClientDecisions {
    private static final int MAX_TEXT = 2_000;

    private final DSLContext dsl;
    private final JooqProposals proposals;
    private final JooqMailOutbox outbox;
    private final MailTemplates templates;
    private final URI publicUrl;
    private final InstantSource clock;
    private final Audit audit;

    public ClientDecisions(
            DSLContext dsl,
            JooqProposals proposals,
            JooqMailOutbox outbox,
            MailTemplates templates,
            URI publicUrl,
            InstantSource clock) {
        this.dsl = dsl;
        this.proposals = proposals;
        this.outbox = outbox;
        this.templates = templates;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    /** What {@code token} opens to; a view of an open link is recorded with {@code ip}. */
    public LinkState open(String token, String ip) {
        return dsl.transactionResult(tx -> {
            LinkState state = state(tx.dsl(), token, false);
            if (state instanceof LinkState.Open o) {
                event(tx.dsl(), o, "viewed", ip, null, null);
            }
            return state;
        });
    }

    public Decision accept(String token, String name, String ip) {
        String typed = name == null ? "" : name.strip();
        if (typed.isEmpty() || typed.length() > 200) {
            return new Decision.Incomplete("Type your full name to accept (at most 200 characters).");
        }
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            LinkState state = state(t, token, true);
            if (!(state instanceof LinkState.Open o)) {
                return new Decision.Closed(state);
            }
            decide(t, o, "accepted");
            event(t, o, "accepted", ip, typed, null);
            long projectId = activateProject(t, o.proposal());
            activateCustomer(t, o.proposal().customerId(), typed);
            audit(
                    t,
                    o.proposal(),
                    "proposal.accepted",
                    "accepted by " + typed + " from " + ip + ", project " + projectId);
            notifyManager(
                    t,
                    o,
                    "accepted",
                    typed + " accepted version " + o.version().version() + " of \""
                            + o.proposal().title() + "\" for " + o.proposal().customerName() + ".");
            return new Decision.Accepted(o.proposal().id(), projectId);
        });
    }

    public Decision decline(String token, String comment, String ip) {
        String text = comment == null ? "" : comment.strip();
        if (text.length() > MAX_TEXT) {
            return new Decision.Incomplete("Keep the comment under " + MAX_TEXT + " characters.");
        }
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            LinkState state = state(t, token, true);
            if (!(state instanceof LinkState.Open o)) {
                return new Decision.Closed(state);
            }
            decide(t, o, "declined");
            event(t, o, "declined", ip, null, text);
            audit(t, o.proposal(), "proposal.declined", "declined from " + ip + (text.isEmpty() ? "" : ": " + text));
            notifyManager(
                    t,
                    o,
                    "declined",
                    o.proposal().customerName() + " declined \"" + o.proposal().title() + "\""
                            + (text.isEmpty() ? " without a comment." : ": " + text));
            return new Decision.Declined(o.proposal().id());
        });
    }

    private LinkState state(DSLContext t, String token, boolean lock) {
        if (!LinkTokens.wellFormed(token)) {
            return new LinkState.Unknown();
        }
        String hash = LinkTokens.hash(token);
        var query = t.selectFrom(PROPOSAL_LINKS).where(PROPOSAL_LINKS.TOKEN_SHA256.eq(hash));
        Optional<ProposalLinksRecord> found = lock ? query.forUpdate().fetchOptional() : query.fetchOptional();
        if (found.isEmpty()
                || !MessageDigest.isEqual(
                        found.get().getTokenSha256().getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII))) {
            return new LinkState.Unknown();
        }
        ProposalLinksRecord link = found.get();
        Proposal p = proposals.proposal(t, link.getProposalId()).orElseThrow();
        if (link.getUsedAt() != null
                || p.state().equals("accepted")
                || p.state().equals("declined")) {
            OffsetDateTime at = t.select(PROPOSALS.DECIDED_AT)
                    .from(PROPOSALS)
                    .where(PROPOSALS.ID.eq(p.id()))
                    .fetchOne(PROPOSALS.DECIDED_AT);
            return new LinkState.Used(p.state(), (at == null ? link.getUsedAt() : at).toInstant());
        }
        if (link.getRevokedAt() != null) {
            return new LinkState.Revoked(link.getRevokedAt().toInstant());
        }
        if (!link.getExpiresAt().toInstant().isAfter(clock.instant())) {
            return new LinkState.Expired(link.getExpiresAt().toInstant());
        }
        return new LinkState.Open(
                link.getId(),
                p,
                proposals.version(t, p.id(), link.getVersion()).orElseThrow(),
                link.getExpiresAt().toInstant());
    }

    private void decide(DSLContext t, LinkState.Open o, String state) {
        OffsetDateTime now = now();
        t.update(PROPOSAL_LINKS)
                .set(PROPOSAL_LINKS.USED_AT, now)
                .where(PROPOSAL_LINKS.ID.eq(o.linkId()))
                .execute();
        t.update(PROPOSALS)
                .set(PROPOSALS.STATE, state)
                .set(PROPOSALS.DECIDED_AT, now)
                .set(PROPOSALS.UPDATED_AT, now)
                .where(PROPOSALS.ID.eq(o.proposal().id()))
                .execute();
    }

    private void event(DSLContext t, LinkState.Open o, String kind, String ip, String name, String comment) {
        t.insertInto(PROPOSAL_EVENTS)
                .set(PROPOSAL_EVENTS.PROPOSAL_ID, o.proposal().id())
                .set(PROPOSAL_EVENTS.LINK_ID, o.linkId())
                .set(PROPOSAL_EVENTS.KIND, kind)
                .set(PROPOSAL_EVENTS.AT, now())
                .set(PROPOSAL_EVENTS.IP, ip)
                .set(PROPOSAL_EVENTS.NAME, name)
                .set(PROPOSAL_EVENTS.COMMENT, comment)
                .execute();
    }

    /**
     * The named project unarchived, or a new one named after the proposal. A new project has no repository yet:
     * its repository column holds the placeholder {@code proposal-ID} until a manager connects one.
     */
    private long activateProject(DSLContext t, Proposal p) {
        if (p.projectId() != null) {
            t.update(PROJECTS)
                    .set(PROJECTS.ARCHIVED_AT, (OffsetDateTime) null)
                    .set(PROJECTS.UPDATED_AT, now())
                    .where(PROJECTS.ID.eq(p.projectId()))
                    .execute();
            return p.projectId();
        }
        long projectId = t.insertInto(PROJECTS)
                .set(PROJECTS.CUSTOMER_ID, p.customerId())
                .set(PROJECTS.NAME, p.title())
                .set(PROJECTS.REPOSITORY, "proposal-" + p.id())
                .set(PROJECTS.CLONE_URL, "")
                .set(PROJECTS.CREATED_AT, now())
                .set(PROJECTS.UPDATED_AT, now())
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
        t.update(PROPOSALS)
                .set(PROPOSALS.PROJECT_ID, projectId)
                .where(PROPOSALS.ID.eq(p.id()))
                .execute();
        return projectId;
    }

    private void activateCustomer(DSLContext t, long customerId, String name) {
        int changed = t.update(CUSTOMERS)
                .set(CUSTOMERS.LIFECYCLE, "active")
                .set(CUSTOMERS.UPDATED_AT, now())
                .where(CUSTOMERS.ID.eq(customerId).and(CUSTOMERS.LIFECYCLE.eq("lead")))
                .execute();
        if (changed > 0) {
            t.insertInto(CUSTOMER_LIFECYCLE_CHANGES)
                    .set(CUSTOMER_LIFECYCLE_CHANGES.CUSTOMER_ID, customerId)
                    .set(CUSTOMER_LIFECYCLE_CHANGES.FROM_STATE, "lead")
                    .set(CUSTOMER_LIFECYCLE_CHANGES.TO_STATE, "active")
                    .set(CUSTOMER_LIFECYCLE_CHANGES.EFFECTIVE_ON, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .set(CUSTOMER_LIFECYCLE_CHANGES.CHANGED_AT, now())
                    .set(CUSTOMER_LIFECYCLE_CHANGES.ACTOR, "client:" + name)
                    .execute();
        }
    }

    private void audit(DSLContext t, Proposal p, String action, String detail) {
        audit.write(t, AuditEntry.of("client of " + p.customerName(), action, "proposal", p.id(), detail));
    }

    private void notifyManager(DSLContext t, LinkState.Open o, String decision, String lead) {
        Proposal p = o.proposal();
        var manager = t.select(PEOPLE.EMAIL, PEOPLE.DISPLAY_NAME, PEOPLE.LOGIN)
                .from(PEOPLE)
                .where(PEOPLE.ID
                        .eq(t.select(CUSTOMERS.MANAGER_ID).from(CUSTOMERS).where(CUSTOMERS.ID.eq(p.customerId())))
                        .or(PEOPLE.LOGIN.eq(p.createdBy())))
                .and(PEOPLE.EMAIL.isNotNull().and(PEOPLE.ARCHIVED_AT.isNull()))
                .orderBy(PEOPLE.LOGIN.eq(p.createdBy()).asc())
                .limit(1)
                .fetchOptional();
        if (manager.isEmpty()) {
            return;
        }
        String subject = "Proposal " + decision + ": " + p.title();
        var body = templates.render(
                "proposal",
                Map.of(
                        "mail",
                        new ProposalMail(
                                subject,
                                Optional.ofNullable(manager.get().value2())
                                        .orElse(manager.get().value3()),
                                lead,
                                publicUrl.resolve("/proposals/" + p.id()).toString(),
                                "You receive this because you manage the customer or wrote the proposal.")));
        outbox.queue(
                t,
                new OutgoingMail(
                        "proposal:" + p.id() + ":" + o.version().version() + ":" + decision,
                        manager.get().value1(),
                        subject,
                        body.html(),
                        body.text()));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
