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

    /** The badge in words, for the text beside its emoji: an emoji alone says nothing without an emoji font. */
    public static String label(String badge) {
        return Badge.find(badge).map(Badges::label).orElse("unknown");
    }

    static String label(Badge badge) {
        return switch (badge) {
            case AUTONOMOUS -> "choosing the next item";
            case INITIALIZING -> "preparing";
            case TASK_EXECUTING -> "working";
            case ERROR_SOLVING -> "repairing";
            case BLOCKED -> "needs a person";
            case COMPLETED -> "completed";
            case PAUSED -> "paused";
            case QUEUED -> "queued";
            case STOPPED -> "stopped";
            case FAILED -> "failed";
        };
    }

    /** True while it runs or waits for a slot: what an emergency stop applies to. */
    public static boolean stoppable(String badge) {
        return Badge.find(badge).map(b -> b.isRunning() || b == Badge.QUEUED).orElse(false);
    }

    /** True once it has stopped running (completed, failed, stopped, blocked or paused): it has a reason sentence. */
    public static boolean ended(String badge) {
        return Badge.find(badge).map(b -> !b.isRunning() && b != Badge.QUEUED).orElse(false);
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
