package dev.clarity.dashboard.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How pages write a moment: {@code <time datetime="2026-12-02T07:14:39Z" title="2026-12-02 07:14:39 UTC">2 Dec 2026,
 * 07:14 UTC</time>}. The server writes UTC; {@code app.js} rewrites the text into the reader's own time zone and
 * locale, and the title keeps the exact moment for the hover. Pure.
 */
public final class Times {
    private static final DateTimeFormatter READABLE =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ROOT);
    private static final DateTimeFormatter EXACT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

    private Times() {}

    /** The machine-readable moment, for the {@code datetime} attribute. */
    public static String iso(OffsetDateTime at) {
        return at.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The moment to the second, for the {@code title} attribute (shown on hover). */
    public static String exact(OffsetDateTime at) {
        return EXACT.format(at.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** The moment as people read it, before the page's script puts it into the reader's time zone. */
    public static String readable(OffsetDateTime at) {
        return READABLE.format(at.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
