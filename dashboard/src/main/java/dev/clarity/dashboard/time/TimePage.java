package dev.clarity.dashboard.time;

import dev.clarity.crm.time.Durations;
import dev.clarity.crm.time.TimeRow;
import dev.clarity.crm.time.Timer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * What the time page shows: the viewer's timer (or null), the projects they may track, a page of time records with
 * the link to the next, and the add form's values and messages.
 */
public record TimePage(
        Timer timer,
        String timerProject,
        long timerSeconds,
        List<TimeQueries.ProjectOption> projects,
        List<TimeRow> rows,
        String next,
        Map<String, String> values,
        Map<String, String> errors) {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    public static String when(Instant i) {
        return i == null ? "" : WHEN.format(i);
    }

    public static String duration(long seconds) {
        return Durations.format(seconds);
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean canTrack() {
        return !projects.isEmpty();
    }

    /** The value of a project-and-task choice in the start and add forms: {@code 12} or {@code 12:34}. */
    public static String choice(long project, Long task) {
        return task == null ? Long.toString(project) : project + ":" + task;
    }
}
