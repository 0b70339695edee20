package dev.clarity.crm.proposals;

import java.time.Instant;

/**
 * A proposal as listed: whose it is, its state ({@code draft}, {@code sent}, {@code accepted}, {@code declined}),
 * its newest saved version and the version last sent.
 *
 * @param projectId the project it is for, or null when acceptance is to create one
 * @param sentVersion the version the latest link shows, or null before the first sending
 */
public record Proposal(
        long id,
        long customerId,
        String customerName,
        Long projectId,
        String title,
        String currency,
        String state,
        int latestVersion,
        Integer sentVersion,
        String createdBy,
        Instant updatedAt) {}
