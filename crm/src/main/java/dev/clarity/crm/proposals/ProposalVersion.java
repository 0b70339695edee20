package dev.clarity.crm.proposals;

import java.time.Instant;

/** One saved version of a proposal, never changed after it is saved, with its totals. */
public record ProposalVersion(
        long proposalId, int version, ProposalContent content, Totals totals, String savedBy, Instant savedAt) {}
