package dev.clarity.dashboard.executions;

import dev.clarity.vocabulary.Badge;

/** How the execution badges look on the dashboard; the badges themselves are {@link Badge}. */
public final class Badges {
    private Badges() {}

    /** The badge's emoji; a word that is not a badge's spelling gets ❔. */
    public static String emoji(String badge) {
        return Badge.find(badge).map(Badges::emoji).orElse("❔");
    }

    static String emoji(Badge badge) {
        return switch (badge) {
            case AUTONOMOUS -> "🟢";
            case INITIALIZING -> "🔵";
            case TASK_EXECUTING -> "🟡";
            case ERROR_SOLVING -> "🟠";
            case BLOCKED -> "🔴";
            case COMPLETED -> "✅";
            case PAUSED -> "⏸️";
            case QUEUED -> "⏳";
            case STOPPED -> "⏹️";
            case FAILED -> "❌";
        };
    }

    /** True when a person can resume it. */
    public static boolean resumable(String badge) {
        return Badge.find(badge).map(Badge::isResumable).orElse(false);
    }

    /** True when nothing happens to it without a new execution (completed or failed). */
    public static boolean finished(String badge) {
        return Badge.find(badge).map(Badge::isTerminal).orElse(false);
    }
}
