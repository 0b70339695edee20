package dev.clarity.runner.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code .clarity.yml}. Every key is optional; an unknown key or a value of the wrong type is an
 * {@link ConfigParse.Invalid} naming the key and the line. Thread-safe.
 */
public final class RepositoryConfigParser {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // merge: 1 is a wrong value, not the policy declared second
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .findAndRegisterModules();

    /**
     * The config in {@code text}, a {@code .clarity.yml} (blank: the defaults). Callers read the file at the item's base
     * commit ({@code BaseConfig}, {@code RepoSettingsReader}), never from a work tree a tool has edited: this file grants
     * rights.
     */
    public ConfigParse parse(String text) {
        if (text.isBlank()) {
            return new ConfigParse.Parsed(RepositoryConfig.DEFAULT);
        }
        try {
            RepositoryConfig config = yaml.readValue(text, RepositoryConfig.class);
            return new ConfigParse.Parsed(config == null ? RepositoryConfig.DEFAULT : config);
        } catch (UnrecognizedPropertyException e) {
            return invalid(text, e, "unknown key " + e.getPropertyName());
        } catch (InvalidFormatException e) {
            return invalid(
                    text,
                    e,
                    "wrong value " + e.getValue() + " ("
                            + (e.getTargetType() == Long.class || e.getTargetType() == java.time.Duration.class
                                    ? tail(e.getOriginalMessage())
                                    : expected(e))
                            + ")");
        } catch (ValueInstantiationException e) {
            // a record refused a value (an unknown tool or engine): its sentence names the key and the choices
            Throwable cause = e.getCause();
            if (cause instanceof KeyedProblem keyed) {
                List<String> at = keyed.segments();
                String key = at.get(0) + (at.size() > 1 ? "[" + at.get(1) + "]" : "");
                return new ConfigParse.Invalid(key, lineOf(text, at), keyed.getMessage());
            }
            return invalid(
                    text,
                    e,
                    switch (cause) {
                        case IllegalArgumentException refused -> refused.getMessage();
                        case NullPointerException ignored -> "a list holds an empty value";
                        case null, default -> e.getOriginalMessage();
                    });
        } catch (MismatchedInputException e) {
            return invalid(text, e, "wrong type (" + expected(e) + ")");
        } catch (JsonMappingException e) {
            return invalid(text, e, e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return new ConfigParse.Invalid("(yaml)", at == null ? 0 : at.getLineNr(), e.getOriginalMessage());
        }
    }

    private static String tail(String message) {
        int colon = message.lastIndexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }

    private static String expected(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        if (type == null) {
            return "unexpected value";
        }
        if (type.isEnum()) {
            return "expected one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
                            .collect(Collectors.joining(", "));
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "expected a list";
        }
        if (type == String.class) {
            return "expected a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "expected a number";
        }
        if (type == java.time.Duration.class) {
            return "expected a duration like 90s, 20m or 1h";
        }
        if (type == Long.class) {
            return "expected a size like 512m or 2g";
        }
        return "expected a mapping";
    }

    private ConfigParse.Invalid invalid(String text, JsonMappingException e, String message) {
        List<String> segments = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                .toList();
        String key = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        int line = lineOf(text, segments);
        if (line == 0 && e.getLocation() != null) {
            line = e.getLocation().getLineNr();
        }
        return new ConfigParse.Invalid(key.isEmpty() ? "(root)" : key, line, message);
    }

    /**
     * The line where {@code segments} (or its nearest parent) starts. Jackson's own location points past a record's
     * buffered properties, so the file is scanned again and each path's first token is remembered.
     */
    private int lineOf(String text, List<String> segments) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = yaml.getFactory().createParser(text)) {
            while (parser.nextToken() != null) {
                lines.putIfAbsent(
                        parser.getParsingContext().pathAsPointer().toString(),
                        parser.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            // a parse error after the key: the lines seen so far are enough
        }
        for (int n = segments.size(); n > 0; n--) {
            String pointer = "/" + String.join("/", segments.subList(0, n));
            Integer line = lines.get(pointer);
            if (line != null) {
                return line;
            }
        }
        return 0;
    }
}
