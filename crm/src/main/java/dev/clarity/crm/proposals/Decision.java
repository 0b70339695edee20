package dev.clarity.crm.proposals;

/** What a client's acceptance or decline did. */
public sealed interface Decision {
    /** Accepted: the project ({@code projectId}, new or reactivated) is the customer's and active. */
    record Accepted(long proposalId, long projectId) implements Decision {}

    /** Declined, with the client's comment recorded. */
    record Declined(long proposalId) implements Decision {}

    /** The link cannot decide any more (or never could); nothing changed. */
    record Closed(LinkState state) implements Decision {}

    /** The form was incomplete ({@code problem} says what is missing); nothing changed. */
    record Incomplete(String problem) implements Decision {}
}
