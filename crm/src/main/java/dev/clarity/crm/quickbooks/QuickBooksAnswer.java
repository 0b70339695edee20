package dev.clarity.crm.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** What QuickBooks answered to one call, as the outbox worker needs to tell the cases apart. */
public sealed interface QuickBooksAnswer {
    /** 200: the entity (unwrapped from {@code {"Customer": {…}}}). */
    record Ok(JsonNode entity) implements QuickBooksAnswer {}

    /** 401: the access token expired or was revoked; refresh and try again. */
    record Unauthorized() implements QuickBooksAnswer {}

    /** 429: wait {@code retryAfter} before the next call. */
    record RateLimited(Duration retryAfter) implements QuickBooksAnswer {}

    /** 5xx or no answer at all: try again later. */
    record Unavailable(String what) implements QuickBooksAnswer {}

    /**
     * 4xx other than 401 and 429: the request itself is wrong; retrying will not help. {@code code} is the fault's
     * error code ({@code 6240} for a duplicate name, {@code ?} when there was none), {@code message} its message.
     */
    record Rejected(int status, String code, String message) implements QuickBooksAnswer {
        /** The fault QuickBooks gives when a Customer's DisplayName is already taken. */
        public static final String DUPLICATE_NAME = "6240";
    }
}
