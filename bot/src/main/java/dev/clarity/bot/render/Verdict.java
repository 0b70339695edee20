package dev.clarity.bot.render;

/** What the checks said about one acceptance criterion. */
public enum Verdict {
    /** A programmable check ran and passed. */
    PASSED("✅ passed"),
    /** A programmable check ran and failed. */
    FAILED("❌ failed"),
    /** The criterion has no programmable check: a person must judge it. */
    NOT_MACHINE_CHECKED("👀 not machine-checked");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
