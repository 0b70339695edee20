package dev.clarity.dashboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;

/**
 * The dashboard's own JSON writer (ISO-8601 times), so that the API's shape does not depend on the JSON mapper of
 * whichever server hosts the dashboard. Thread-safe.
 */
public final class JsonOut {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonOut() {}

    public static void write(Context ctx, Object body) {
        ctx.contentType("application/json").result(string(body));
    }

    public static String string(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Writing " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
