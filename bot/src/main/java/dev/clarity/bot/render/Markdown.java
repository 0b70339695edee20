package dev.clarity.bot.render;

import java.time.Duration;

/** Small Markdown helpers shared by the renderers. */
final class Markdown {
    private Markdown() {}

    /** Text safe inside a table cell: pipes escaped, line breaks flattened. */
    static String cell(String s) {
        if (s == null || s.isBlank()) {
            return "—";
        }
        return s.strip().replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }

    /** "1 h 05 min", "12 min", "40 s". */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        long min = s / 60;
        if (min < 60) {
            return min + " min";
        }
        return (min / 60) + " h " + String.format("%02d", min % 60) + " min";
    }
}
