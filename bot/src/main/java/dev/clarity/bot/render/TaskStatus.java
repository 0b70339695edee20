package dev.clarity.bot.render;

/** An item's state as the progress comment shows it. */
public enum TaskStatus {
    /** Done (✅ in the task list), by Clarity or by a person. */
    DONE("✅"),
    /** The item Clarity is working on now. */
    RUNNING("⏳"),
    /** Not started yet. */
    TODO("⬜"),
    /** Waiting for a person (human review, a gate). */
    BLOCKED("🛑"),
    /** Skipped on request. */
    SKIPPED("⏭️");

    private final String icon;

    TaskStatus(String icon) {
        this.icon = icon;
    }

    String icon() {
        return icon;
    }
}
