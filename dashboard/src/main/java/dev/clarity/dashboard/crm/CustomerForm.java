package dev.clarity.dashboard.crm;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The customer form checked: what was entered, with what the database says about it ({@link Facts}), becomes a
 * {@link Command} to save or one message per field. Pure; the facts are read before, the command saved after, by
 * {@link CustomerStore}.
 */
public final class CustomerForm {
    private CustomerForm() {}

    /**
     * What the database says about the values entered.
     *
     * @param slugUsedBy the name of another customer with the slug entered, if there is one
     */
    public record Facts(Optional<String> slugUsedBy) {}

    /**
     * A customer to save.
     *
     * @param githubLogin empty when none was entered
     */
    public record Command(String name, String slug, Optional<String> githubLogin) {}

    /** The slug entered, as it is stored and compared: trimmed, lower-case. */
    public static String slug(Map<String, String> form) {
        return trim(form.get("slug")).toLowerCase(Locale.ROOT);
    }

    public static FormCheck<Command> check(Map<String, String> form, Facts facts) {
        String name = trim(form.get("name"));
        String slug = slug(form);
        String github = trim(form.get("github_login"));
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.isEmpty()) {
            errors.put("name", "Name is required.");
        }
        if (slug.isEmpty()) {
            errors.put("slug", "Slug is required (lower-case letters, digits and dashes, for example acme-corp).");
        } else if (!slug.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            errors.put("slug", "Slug may only contain lower-case letters, digits and dashes, for example acme-corp.");
        } else {
            facts.slugUsedBy()
                    .ifPresent(
                            other -> errors.put("slug", "The slug \"" + slug + "\" is already used by " + other + "."));
        }
        if (!github.isEmpty() && !github.matches("[A-Za-z0-9-]{1,39}")) {
            errors.put("github_login", "GitHub login may only contain letters, digits and dashes (at most 39).");
        }
        if (!errors.isEmpty()) {
            return new FormCheck.Invalid<>(errors);
        }
        return new FormCheck.Valid<>(
                new Command(name, slug, github.isEmpty() ? Optional.empty() : Optional.of(github)));
    }

    /** A form value trimmed; empty when the field was not sent. */
    static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
