package dev.clarity.crm.proposals;

import java.time.Instant;

/**
 * One thing that happened through a proposal's links: {@code sent}, {@code viewed}, {@code accepted}, {@code
 * declined} or {@code revoked}, with the client's IP address (null for a manager's action), the typed name of an
 * acceptance and the comment of a decline.
 */
public record ProposalEvent(String kind, Instant at, String ip, String name, String comment) {}
