package dev.clarity.crm.proposals;

import java.time.Instant;

/** What a proposal link opens to. Only {@link Open} shows the proposal. */
public sealed interface LinkState {
    /** The link is valid: the client sees {@code version} and may accept or decline it until {@code expiresAt}. */
    record Open(long linkId, Proposal proposal, ProposalVersion version, Instant expiresAt) implements LinkState {}

    /** No link has this token (or it is malformed). */
    record Unknown() implements LinkState {}

    /** The proposal was already accepted or declined ({@code decision}) through this or another link. */
    record Used(String decision, Instant at) implements LinkState {}

    /** The validity date passed. */
    record Expired(Instant at) implements LinkState {}

    /** The manager revoked the link, or sent a newer version. */
    record Revoked(Instant at) implements LinkState {}
}
