package dev.clarity.bot.orchestrator;

/**
 * An event before the store numbers, times and chains it ({@link ExecutionEvent}). {@code taskId} and {@code step}
 * are null for an event of the whole execution.
 */
public record NewEvent(String kind, String taskId, String step, String severity, String message) {
    /** A control a person used on the whole execution (or the orchestrator's own: queued, taken over). */
    public static NewEvent control(String message) {
        return new NewEvent("control", null, null, "info", message);
    }

    /** A control a person used on one item ({@code taskId} null: on the whole execution). */
    public static NewEvent control(String taskId, String message) {
        return new NewEvent("control", taskId, null, "info", message);
    }

    /** Something that happened at the item and step {@code cursor} points at. */
    public static NewEvent at(Cursor cursor, String kind, String message) {
        return new NewEvent(kind, cursor.taskId(), cursor.step().name(), "info", message);
    }

    /** The same event with {@code text} as its message (the log's redaction). */
    public NewEvent withMessage(String text) {
        return new NewEvent(kind, taskId, step, severity, text);
    }

    /** The same event as a warning. */
    public NewEvent warn() {
        return new NewEvent(kind, taskId, step, "warn", message);
    }

    /** The same event, as a warning when {@code warning} holds. */
    public NewEvent warnIf(boolean warning) {
        return warning ? warn() : this;
    }
}
