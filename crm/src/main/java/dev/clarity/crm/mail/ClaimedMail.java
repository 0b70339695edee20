package dev.clarity.crm.mail;

/**
 * A row a worker claimed: it is {@code sending} under a lease until the worker records the outcome.
 *
 * @param attempt which attempt this is, from 1 (a claim whose worker died counts as one)
 */
public record ClaimedMail(long id, int attempt, OutgoingMail mail) {}
