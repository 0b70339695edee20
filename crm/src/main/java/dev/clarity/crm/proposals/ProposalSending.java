package dev.clarity.crm.proposals;

import static dev.clarity.migrations.jooq.Tables.PROPOSALS;
import static dev.clarity.migrations.jooq.Tables.PROPOSAL_EVENTS;
import static dev.clarity.migrations.jooq.Tables.PROPOSAL_LINKS;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import dev.clarity.crm.mail.Attachment;
import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.mail.OutgoingMail;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Sends the newest version of a proposal: a new link (random token, only its hash stored, expiring at the end of
 * the version's validity date in UTC) and a mail to the given address with the link and the PDF, queued in the same
 * transaction through the outbox under {@code proposal:ID:VERSION:send}, so a second send of the same version
 * queues no second mail (and makes no second link); a new sending closes the links sent before. Revoking closes every open link of the proposal. Thread-safe.
 */
public final class ProposalSending {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}");

    private final DSLContext dsl;
    private final JooqProposals proposals;
    private final JooqMailOutbox outbox;
    private final MailTemplates templates;
    private final ProposalPdf pdf;
    private final LinkTokens tokens;
    private final URI publicUrl;
    private final InstantSource clock;
    private final Audit audit;

    public ProposalSending(
            DSLContext dsl,
            JooqProposals proposals,
            JooqMailOutbox outbox,
            MailTemplates templates,
            ProposalPdf pdf,
            LinkTokens tokens,
            URI publicUrl,
            InstantSource clock) {
        this.dsl = dsl;
        this.proposals = proposals;
        this.outbox = outbox;
        this.templates = templates;
        this.pdf = pdf;
        this.tokens = tokens;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    public SendOutcome send(long id, String recipient, String actor) {
        String to = recipient == null ? "" : recipient.strip();
        if (!EMAIL.matcher(to).matches()) {
            return new SendOutcome.Refused("\"" + to + "\" is not an email address.");
        }
        Proposal p = proposals.proposal(id).orElse(null);
        if (p == null) {
            return new SendOutcome.Refused("There is no proposal " + id + ".");
        }
        if (p.state().equals("accepted") || p.state().equals("declined")) {
            return new SendOutcome.Refused("The proposal was " + p.state() + "; it cannot be sent again.");
        }
        ProposalVersion v = proposals.version(id, p.latestVersion()).orElseThrow();
        Instant now = clock.instant();
        Instant expires = v.content()
                .validUntil()
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        if (!expires.isAfter(now)) {
            return new SendOutcome.Refused("Version " + v.version() + " is valid until "
                    + v.content().validUntil() + ", which has passed; save it with a later date first.");
        }
        String token = tokens.next();
        String link = publicUrl.resolve("/p/" + token).toString();
        OutgoingMail mail = mail(p, v, to, link);
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            String state = t.select(PROPOSALS.STATE)
                    .from(PROPOSALS)
                    .where(PROPOSALS.ID.eq(id))
                    .forUpdate()
                    .fetchOne(PROPOSALS.STATE);
            if (state.equals("accepted") || state.equals("declined")) {
                return (SendOutcome)
                        new SendOutcome.Refused("The proposal was " + state + " meanwhile; it cannot be sent again.");
            }
            if (!outbox.queue(t, mail)) {
                return new SendOutcome.Refused(
                        "Version " + v.version() + " was sent already; save a new version to send it again.");
            }
            // the newest sending is the only open link: an older version can no longer be accepted
            t.update(PROPOSAL_LINKS)
                    .set(PROPOSAL_LINKS.REVOKED_AT, JooqProposals.at(now))
                    .where(PROPOSAL_LINKS
                            .PROPOSAL_ID
                            .eq(id)
                            .and(PROPOSAL_LINKS.REVOKED_AT.isNull())
                            .and(PROPOSAL_LINKS.USED_AT.isNull()))
                    .execute();
            long linkId = t.insertInto(PROPOSAL_LINKS)
                    .set(PROPOSAL_LINKS.PROPOSAL_ID, id)
                    .set(PROPOSAL_LINKS.VERSION, v.version())
                    .set(PROPOSAL_LINKS.TOKEN_SHA256, LinkTokens.hash(token))
                    .set(PROPOSAL_LINKS.RECIPIENT, to)
                    .set(PROPOSAL_LINKS.EXPIRES_AT, JooqProposals.at(expires))
                    .set(PROPOSAL_LINKS.CREATED_BY, actor)
                    .set(PROPOSAL_LINKS.CREATED_AT, JooqProposals.at(now))
                    .returning(PROPOSAL_LINKS.ID)
                    .fetchOne(PROPOSAL_LINKS.ID);
            t.update(PROPOSALS)
                    .set(PROPOSALS.STATE, "sent")
                    .set(PROPOSALS.SENT_VERSION, v.version())
                    .set(PROPOSALS.UPDATED_AT, JooqProposals.at(now))
                    .where(PROPOSALS.ID.eq(id))
                    .execute();
            t.insertInto(PROPOSAL_EVENTS)
                    .set(PROPOSAL_EVENTS.PROPOSAL_ID, id)
                    .set(PROPOSAL_EVENTS.LINK_ID, linkId)
                    .set(PROPOSAL_EVENTS.KIND, "sent")
                    .set(PROPOSAL_EVENTS.AT, JooqProposals.at(now))
                    .set(PROPOSAL_EVENTS.NAME, actor)
                    .set(PROPOSAL_EVENTS.COMMENT, "to " + to)
                    .execute();
            audit.write(
                    t, AuditEntry.of(actor, "proposal.sent", "proposal", id, "version " + v.version() + " to " + to));
            return (SendOutcome) new SendOutcome.Sent(v.version(), link);
        });
    }

    /** Closes every open link of proposal {@code id}; returns how many were open. */
    public int revoke(long id, String actor) {
        return dsl.transactionResult(tx -> {
            var now = JooqProposals.at(clock.instant());
            int closed = tx.dsl()
                    .update(PROPOSAL_LINKS)
                    .set(PROPOSAL_LINKS.REVOKED_AT, now)
                    .where(PROPOSAL_LINKS
                            .PROPOSAL_ID
                            .eq(id)
                            .and(PROPOSAL_LINKS.REVOKED_AT.isNull())
                            .and(PROPOSAL_LINKS.USED_AT.isNull()))
                    .execute();
            if (closed > 0) {
                tx.dsl()
                        .insertInto(PROPOSAL_EVENTS)
                        .set(PROPOSAL_EVENTS.PROPOSAL_ID, id)
                        .set(PROPOSAL_EVENTS.KIND, "revoked")
                        .set(PROPOSAL_EVENTS.AT, now)
                        .set(PROPOSAL_EVENTS.NAME, actor)
                        .execute();
                audit.write(tx.dsl(), AuditEntry.of(actor, "proposal.revoked", "proposal", id, closed + " link(s)"));
            }
            return closed;
        });
    }

    private OutgoingMail mail(Proposal p, ProposalVersion v, String to, String link) {
        String subject = "Proposal: " + v.content().title();
        var body = templates.render(
                "proposal",
                Map.of(
                        "mail",
                        new ProposalMail(
                                subject,
                                p.customerName(),
                                "Here is our proposal \"" + v.content().title() + "\" (total "
                                        + Totals.shown(v.totals().total()) + "). Open the link to read it and to "
                                        + "accept or decline it; the PDF is attached.",
                                link,
                                "The link is valid until " + v.content().validUntil()
                                        + ". Keep it to yourself: whoever has it can accept the proposal.")));
        return new OutgoingMail(
                "proposal:" + p.id() + ":" + v.version() + ":send",
                to,
                subject,
                body.html(),
                body.text(),
                Map.of(),
                List.of(new Attachment(
                        "proposal-" + p.id() + "-v" + v.version() + ".pdf",
                        "application/pdf",
                        pdf.render(p.customerName(), v))));
    }
}
