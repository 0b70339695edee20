package dev.clarity.crm.notify;

/** Why an execution stopped running, as far as the people told about it care. */
public enum StopKind {
    /** Every item is done. */
    COMPLETED("completed"),
    /** Stopped at its stop point, or waiting for a merge; resume continues. */
    PAUSED("paused"),
    /** A person is needed: an item is in human review, held, or the runner failed. */
    BLOCKED("needs someone");

    private final String phrase;

    StopKind(String phrase) {
        this.phrase = phrase;
    }

    /** How the kind reads in a subject line: "acme/shop #12 completed". */
    public String phrase() {
        return phrase;
    }
}
