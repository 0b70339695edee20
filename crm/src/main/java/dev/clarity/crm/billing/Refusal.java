package dev.clarity.crm.billing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries a refusal out of a transaction so that it rolls back; the stores catch it and answer
 * {@link BillingOutcome.Refused}. Never leaves the package.
 */
final class Refusal extends RuntimeException {
    final Map<String, String> errors;

    Refusal(Map<String, String> errors) {
        super(String.join(" ", errors.values()), null, false, false);
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    Refusal(String field, String message) {
        this(Map.of(field, message));
    }
}
