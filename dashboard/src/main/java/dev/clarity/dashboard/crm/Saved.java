package dev.clarity.dashboard.crm;

import java.util.Map;

/** What became of saving a CRM form. */
public sealed interface Saved {
    /** Stored; {@code notice} is shown once on the next page (a new person's one-time password, for example). */
    record Stored(long id, String notice) implements Saved {}

    /** Not stored; one message per field name, meant for the user. */
    record Invalid(Map<String, String> errors) implements Saved {}
}
