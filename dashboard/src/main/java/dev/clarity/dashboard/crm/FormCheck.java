package dev.clarity.dashboard.crm;

import java.util.Map;
import java.util.function.Function;

/**
 * What checking a CRM form gave: a command ready to be saved, or one message per field for the user. Made by the
 * pure checks ({@link CustomerForm}, {@link ProjectForm}, {@link PersonForm}), which touch no database.
 */
public sealed interface FormCheck<C> {
    /** Every field is usable: {@code command} is what to save. */
    record Valid<C>(C command) implements FormCheck<C> {}

    /** Not usable; one message per field name, meant for the user. */
    record Invalid<C>(Map<String, String> errors) implements FormCheck<C> {
        public Invalid {
            errors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(errors));
        }
    }

    /** Saves a valid command with {@code save}; an invalid form is {@link Saved.Invalid} with its messages. */
    default Saved saveWith(Function<? super C, Saved> save) {
        return switch (this) {
            case Valid<C> valid -> save.apply(valid.command());
            case Invalid<C> invalid -> new Saved.Invalid(invalid.errors());
        };
    }
}
