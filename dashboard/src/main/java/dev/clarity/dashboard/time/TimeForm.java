package dev.clarity.dashboard.time;

import dev.clarity.crm.time.Durations;
import dev.clarity.crm.time.TimeEntry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The time form (and the API's body) read: a {@link TimeEntry}, or one message per field for what does not parse.
 * Pure; whether the values make sense (positive, not overlapping) is {@code TimeTracking}'s check. Times are UTC.
 */
public final class TimeForm {
    private TimeForm() {}

    /** What reading the form gave. */
    public sealed interface Read {}

    public record Entry(TimeEntry entry) implements Read {}

    public record Invalid(Map<String, String> errors) implements Read {}

    public static Read read(Map<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long project = id(form.get("project_id"));
        if (project == null) {
            errors.put("project_id", "Choose a project.");
        }
        String taskText = trim(form.get("project_task_id"));
        Long task = taskText.isEmpty() ? null : id(taskText);
        if (!taskText.isEmpty() && task == null) {
            errors.put("project_task_id", "Choose a task of the project, or none.");
        }
        Instant start = instant(trim(form.get("started_at")));
        if (start == null) {
            errors.put("started_at", "The start must look like 2026-03-01 09:00 (UTC).");
        }
        Long seconds = Durations.parse(form.get("duration")).orElse(null);
        if (seconds == null) {
            errors.put("duration", "The duration must look like 1h 30m, 45m, 1:30 or 1.5h.");
        }
        Boolean billable = switch (trim(form.get("billable"))) {
            case "yes", "true" -> Boolean.TRUE;
            case "no", "false" -> Boolean.FALSE;
            default -> null;
        };
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Entry(new TimeEntry(project, task, start, seconds, billable, trim(form.get("note"))));
    }

    /** {@code 2026-03-01 09:00}, {@code 2026-03-01T09:00} or an ISO instant; null when none of those. */
    static Instant instant(String s) {
        if (s.isEmpty() || s.length() > 40) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static Long id(String s) {
        String t = trim(s);
        if (!t.matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(t);
    }

    static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
