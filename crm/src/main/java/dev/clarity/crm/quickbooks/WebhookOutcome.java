package dev.clarity.crm.quickbooks;

/** What a QuickBooks webhook delivery did; the web layer answers it with a status. */
public sealed interface WebhookOutcome {
    /** The signature did not match the body with the verifier token: nothing was read (401). */
    record BadSignature() implements WebhookOutcome {}

    /** Not the JSON QuickBooks sends (400). */
    record Malformed(String why) implements WebhookOutcome {}

    /** Handled (200): invoices marked paid now, and notifications seen before and skipped. */
    record Applied(int invoicesPaid, int duplicates) implements WebhookOutcome {}

    /** QuickBooks could not be asked about the payment; answered 503 so that it delivers again. */
    record Retry(String why) implements WebhookOutcome {}
}
