package dev.clarity.runner.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for {@code 2g}-style sizes and {@code 20m}-style durations, for {@code .clarity.yml} (errors carry the YAML
 * location) and for the admin's ceilings in the environment.
 */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([kmg]?)b?");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)");

    private Sizes() {}

    /**
     * Bytes of {@code 512m}, {@code 2g}, {@code 1024k} or a plain number.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static long memory(String text) {
        Matcher m = text == null ? null : SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("expected a size like 512m or 2g, got " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    /**
     * The duration of {@code 90s}, {@code 20m}, {@code 1h} or {@code 500ms}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Duration duration(String text) {
        Matcher m = text == null ? null : DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("expected a duration like 90s, 20m or 1h, got " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    static final class MemoryDeserializer extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return memory(text);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(text, Long.class, "expected a size like 512m or 2g");
            }
        }
    }

    static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return duration(text);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(text, Duration.class, "expected a duration like 90s, 20m or 1h");
            }
        }
    }
}
