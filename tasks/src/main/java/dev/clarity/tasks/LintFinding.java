package dev.clarity.tasks;

import java.util.Locale;

/** One problem {@link TaskListLint} found, at a 1-based line (0 when it concerns the whole file). */
public record LintFinding(int line, Severity severity, String message) {
    public enum Severity {
        ERROR,
        WARNING
    }

    /** {@code FILE:LINE: error|warning: message} (spec §6). */
    public String format(String file) {
        return file + ":" + line + ": " + severity.name().toLowerCase(Locale.ROOT) + ": " + message;
    }
}
