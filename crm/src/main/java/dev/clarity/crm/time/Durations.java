package dev.clarity.crm.time;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write and read them: {@code 1h 30m}, {@code 45m}, {@code 1:30}, {@code 1.5h} (a decimal is
 * hours), {@code 90} (a bare whole number is minutes).
 */
public final class Durations {
    private static final Pattern HM =
            Pattern.compile("(?:(\\d{1,4})\\s*h)?\\s*(?:(\\d{1,5})\\s*m)?\\s*(?:(\\d{1,6})\\s*s)?");
    private static final Pattern COLON = Pattern.compile("(\\d{1,4}):([0-5]\\d)(?::([0-5]\\d))?");
    private static final Pattern HOURS = Pattern.compile("(\\d{1,4}\\.\\d{1,4})\\s*h?");
    private static final Pattern MINUTES = Pattern.compile("\\d{1,5}");

    private Durations() {}

    /** {@code 1h 05m}, {@code 12m 30s}, {@code 40s}. */
    public static String format(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        if (h > 0) {
            return h + "h " + String.format("%02dm", m);
        }
        if (m > 0) {
            return m + "m" + (s > 0 ? String.format(" %02ds", s) : "");
        }
        return s + "s";
    }

    /**
     * The seconds written in {@code text}, possibly zero or negative when a minus sign was written (the caller says
     * what is wrong with it); empty when it is not a duration at all. Input is at most 32 characters.
     */
    public static Optional<Long> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.isEmpty() || t.length() > 32) {
            return Optional.empty();
        }
        if (t.startsWith("-")) {
            return parse(t.substring(1)).map(s -> -s);
        }
        Matcher c = COLON.matcher(t);
        if (c.matches()) {
            return Optional.of(Long.parseLong(c.group(1)) * 3600
                    + Long.parseLong(c.group(2)) * 60
                    + (c.group(3) == null ? 0 : Long.parseLong(c.group(3))));
        }
        Matcher hm = HM.matcher(t);
        if (hm.matches() && (hm.group(1) != null || hm.group(2) != null || hm.group(3) != null)) {
            return Optional.of((hm.group(1) == null ? 0 : Long.parseLong(hm.group(1)) * 3600)
                    + (hm.group(2) == null ? 0 : Long.parseLong(hm.group(2)) * 60)
                    + (hm.group(3) == null ? 0 : Long.parseLong(hm.group(3))));
        }
        if (MINUTES.matcher(t).matches()) {
            return Optional.of(Long.parseLong(t) * 60);
        }
        Matcher h = HOURS.matcher(t);
        if (h.matches()) {
            return Optional.of(new java.math.BigDecimal(h.group(1))
                    .multiply(java.math.BigDecimal.valueOf(3600))
                    .setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact());
        }
        return Optional.empty();
    }
}
