package dev.clarity.dashboard.executions;

import java.util.List;
import java.util.Set;

/** The execution badges and how they look on the dashboard. */
public final class Badges {
    /** Every badge an execution can show, in the order of its life. */
    public static final List<String> ALL = List.of(
            "QUEUED",
            "INITIALIZING",
            "AUTONOMOUS",
            "TASK-EXECUTING",
            "ERROR-SOLVING",
            "BLOCKED",
            "PAUSED",
            "COMPLETED",
            "STOPPED",
            "FAILED");

    /** Badges after which an execution no longer holds its project. */
    public static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED");

    private Badges() {}

    public static String emoji(String badge) {
        return switch (badge) {
            case "AUTONOMOUS" -> "🟢";
            case "INITIALIZING" -> "🔵";
            case "TASK-EXECUTING" -> "🟡";
            case "ERROR-SOLVING" -> "🟠";
            case "BLOCKED" -> "🔴";
            case "COMPLETED" -> "✅";
            case "PAUSED" -> "⏸️";
            case "QUEUED" -> "⏳";
            case "STOPPED" -> "⏹️";
            case "FAILED" -> "❌";
            default -> "❔";
        };
    }

    /** True when a person can resume it. */
    public static boolean resumable(String badge) {
        return Set.of("STOPPED", "PAUSED", "BLOCKED").contains(badge);
    }
}
