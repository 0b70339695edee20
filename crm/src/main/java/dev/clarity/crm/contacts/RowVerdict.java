package dev.clarity.crm.contacts;

/**
 * The dry run's judgement of one CSV row: what would happen to it and, when it is left out, why (a sentence naming
 * the field or the earlier line).
 */
public record RowVerdict(long line, String email, String name, String company, Verdict verdict, String message) {

    /** What the import does with the row. */
    public enum Verdict {
        /** A new contact: imported. */
        NEW,
        /** The email cell is empty or not an address: left out. */
        INVALID_EMAIL,
        /** A required field is empty: left out. */
        MISSING_FIELD,
        /** An earlier row of the same file has the address: left out (the first one is kept). */
        DUPLICATE_IN_FILE,
        /** The list already has the address: left out. */
        ALREADY_ON_LIST,
        /** The address unsubscribed, bounced or complained: never imported again. */
        SUPPRESSED
    }

    public boolean imported() {
        return verdict == Verdict.NEW;
    }
}
