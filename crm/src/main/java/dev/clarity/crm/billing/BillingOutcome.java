package dev.clarity.crm.billing;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a billing action did: the invoice as it now is, or why nothing changed (one message per field). */
public sealed interface BillingOutcome {
    /** The action happened; {@code invoice} is the stored result. */
    record Done(Invoice invoice) implements BillingOutcome {}

    /** Nothing changed; each message names the problem for the user, keyed by the form field it is about. */
    record Refused(Map<String, String> errors) implements BillingOutcome {
        public Refused {
            errors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        }

        public static Refused of(String field, String message) {
            return new Refused(Map.of(field, message));
        }

        /** All messages in one sentence, for an API answer or a log line. */
        public String message() {
            return String.join(" ", errors.values());
        }
    }
}
