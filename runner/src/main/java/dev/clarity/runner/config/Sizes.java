package dev.clarity.runner.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for {@code 2g}-style sizes and {@code 20m}-style durations; errors carry the YAML location. */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)b?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Sizes() {}

    static final class MemoryDeserializer extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            Matcher m = text == null ? null : SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (m == null || !m.matches()) {
                throw ctxt.weirdStringException(text, Long.class, "expected a size like 512m or 2g");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "k" -> n << 10;
                case "m" -> n << 20;
                case "g" -> n << 30;
                default -> n;
            };
        }
    }

    static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            Matcher m = text == null ? null : DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (m == null || !m.matches()) {
                throw ctxt.weirdStringException(text, Duration.class, "expected a duration like 90s, 20m or 1h");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
    }
}
