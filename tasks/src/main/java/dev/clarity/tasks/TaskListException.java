package dev.clarity.tasks;

/**
 * The one error the reader raises: the bytes cannot be read as a task list at all (not UTF-8, binary, too large).
 * The message is one sentence meant for the user; {@link #line()} is the 1-based line it concerns, or 0 when the
 * problem has no line (size). Everything a person can fix inside a readable file is a lint finding instead.
 */
public final class TaskListException extends RuntimeException {
    private final int line;

    public TaskListException(String message, int line) {
        super(message);
        this.line = line;
    }

    /**
     * The same problem with the file named first ({@code "tasks_list.md line 3: the file is not UTF-8 (…)"}), for
     * callers that know which file the bytes came from; a message that already names the file is kept as it is.
     */
    public TaskListException in(String file) {
        if (getMessage().startsWith(file + ":") || getMessage().startsWith(file + " line ")) {
            return this;
        }
        return new TaskListException(file + (line > 0 ? " line " + line : "") + ": " + getMessage(), line);
    }

    /** The 1-based line of the problem, 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
