package dev.clarity.crm.time;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What adding, correcting or deleting a time record did. */
public sealed interface RecordOutcome {
    /** Stored (or soft-deleted) and written to the trail; {@code message} is for the person. */
    record Saved(TimeRecord record, String message) implements RecordOutcome {}

    /** Nothing changed; one message per form field ({@code duration}, {@code started_at}, {@code project_id}, ...). */
    record Invalid(Map<String, String> errors) implements RecordOutcome {
        public Invalid {
            errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        }

        static Invalid of(String field, String message) {
            return new Invalid(Map.of(field, message));
        }
    }

    /** There is no such record (or it is already deleted). */
    record Missing(long id) implements RecordOutcome {}
}
