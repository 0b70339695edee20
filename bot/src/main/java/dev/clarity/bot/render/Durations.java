package dev.clarity.bot.render;

import java.time.Duration;

/** How the renderers write a length of time. */
final class Durations {
    private Durations() {}

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
