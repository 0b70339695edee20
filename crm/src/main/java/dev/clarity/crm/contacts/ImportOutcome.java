package dev.clarity.crm.contacts;

/** What confirming an import did. */
public sealed interface ImportOutcome {

    /** The new rows were saved; {@code saved} may be lower than planned when another import added some meanwhile. */
    record Imported(int saved, int leftOut) implements ImportOutcome {}

    /** Nothing was saved, and why (already imported, unknown upload, unreadable file, bad mapping). */
    record Refused(String reason) implements ImportOutcome {}
}
