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
        return flatten(s.strip().replace("|", "\\|"));
    }

    /**
     * Each run of blanks that holds a line break becomes one space. A scan rather than {@code \\s*\\R\\s*}: that
     * pattern rescanned a long run of blanks from each of its positions (80,000 blanks in a title took 34 s).
     */
    private static String flatten(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int end = i;
            boolean lineBreak = false;
            while (end < s.length() && (blank(s.charAt(end)) || lineBreak(s.charAt(end)))) {
                lineBreak |= lineBreak(s.charAt(end));
                end++;
            }
            if (end == i) {
                out.append(s.charAt(i++));
            } else {
                out.append(lineBreak ? " " : s.substring(i, end));
                i = end;
            }
        }
        return out.toString();
    }

    /** {@code \\s}. */
    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** {@code \\R}. */
    private static boolean lineBreak(char c) {
        return c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
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
