package dev.clarity.crm.proposals;

/** What sending a proposal did. */
public sealed interface SendOutcome {
    /** The mail with the link and the PDF is queued; {@code link} is shown once to the sender, never stored. */
    record Sent(int version, String link) implements SendOutcome {}

    /** Nothing was sent; {@code reason} is a sentence for the manager. */
    record Refused(String reason) implements SendOutcome {}
}
