package dev.clarity.crm.time;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A project's rounding rule: how worked seconds become billable seconds. Stored in {@code projects.rounding}. */
public enum Rounding {
    /** Billed as worked, to the second. */
    NONE("none", 1),
    /** Up to the next 6 minutes (a tenth of an hour). */
    UP_6("up_6", 360),
    /** Up to the next quarter of an hour. */
    UP_15("up_15", 900);

    private final String spelling;
    private final long step;

    Rounding(String spelling, long step) {
        this.spelling = spelling;
        this.step = step;
    }

    public String spelling() {
        return spelling;
    }

    /** The billable seconds for {@code seconds} worked: never less than what was worked. */
    public long billable(long seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("seconds worked must be positive, was " + seconds);
        }
        return Math.ceilDiv(seconds, step) * step;
    }

    public static Optional<Rounding> parse(String spelling) {
        return Arrays.stream(values()).filter(r -> r.spelling.equals(spelling)).findFirst();
    }

    public static List<String> spellings() {
        return Arrays.stream(values()).map(Rounding::spelling).toList();
    }
}
