package dev.clarity.dashboard.crm;

import dev.clarity.crm.money.Money;
import dev.clarity.crm.money.UnknownCurrencyException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
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
     * @param managerIsStaff whether the manager chosen (if any) is an admin or a manager
     */
    public record Facts(Optional<String> slugUsedBy, boolean managerIsStaff) {
        public Facts(Optional<String> slugUsedBy) {
            this(slugUsedBy, true);
        }
    }

    /**
     * A customer to save.
     *
     * @param githubLogin empty when none was entered
     */
    public record Command(String name, String slug, Optional<String> githubLogin, Billing billing) {
        public Command(String name, String slug, Optional<String> githubLogin) {
            this(name, slug, githubLogin, Billing.DEFAULT);
        }
    }

    /**
     * A customer's lifecycle and billing.
     *
     * @param lifecycleOn the date a lifecycle change takes effect, or null for today
     * @param managerId the manager who looks after the customer, or null
     */
    public record Billing(
            String currency,
            String lifecycle,
            LocalDate lifecycleOn,
            Long managerId,
            String billingName,
            String billingAddress,
            String billingEmail,
            String taxId,
            String notes) {
        static final Billing DEFAULT = new Billing("EUR", "active", null, null, null, null, null, null, null);
    }

    /** The lifecycle states in their usual order. */
    public static final List<String> LIFECYCLE = List.of("lead", "active", "paused", "former");

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
        Billing billing = billing(form, facts, errors);
        if (!errors.isEmpty()) {
            return new FormCheck.Invalid<>(errors);
        }
        return new FormCheck.Valid<>(
                new Command(name, slug, github.isEmpty() ? Optional.empty() : Optional.of(github), billing));
    }

    private static Billing billing(Map<String, String> form, Facts facts, Map<String, String> errors) {
        String currency = trim(form.get("billing_currency")).toUpperCase(Locale.ROOT);
        if (currency.isEmpty()) {
            currency = Billing.DEFAULT.currency();
        }
        try {
            Money.currency(currency);
        } catch (UnknownCurrencyException e) {
            errors.put(
                    "billing_currency",
                    Character.toUpperCase(e.getMessage().charAt(0))
                            + e.getMessage().substring(1) + ".");
        }
        String lifecycle = trim(form.get("lifecycle"));
        if (lifecycle.isEmpty()) {
            lifecycle = Billing.DEFAULT.lifecycle();
        } else if (!LIFECYCLE.contains(lifecycle)) {
            errors.put("lifecycle", "The lifecycle must be one of " + String.join(", ", LIFECYCLE) + ".");
        }
        LocalDate on = null;
        String onText = trim(form.get("lifecycle_on"));
        if (!onText.isEmpty()) {
            try {
                on = LocalDate.parse(onText);
            } catch (DateTimeParseException e) {
                errors.put("lifecycle_on", "The date must look like 2026-03-01 (empty: today).");
            }
        }
        Long manager = null;
        String managerText = trim(form.get("manager_id"));
        if (!managerText.isEmpty()) {
            if (!managerText.matches("[0-9]{1,18}") || !facts.managerIsStaff()) {
                errors.put("manager_id", "The manager must be an admin or a manager.");
            } else {
                manager = Long.parseLong(managerText);
            }
        }
        String email = trim(form.get("billing_email"));
        if (!email.isEmpty() && !email.matches("[^@\\s]{1,64}@[^@\\s]{1,255}")) {
            errors.put("billing_email", "The billing email must look like accounts@example.com.");
        }
        return new Billing(
                currency,
                lifecycle,
                on,
                manager,
                empty(form.get("billing_name")),
                empty(form.get("billing_address")),
                empty(email),
                empty(form.get("tax_id")),
                empty(form.get("notes")));
    }

    private static String empty(String s) {
        String t = trim(s);
        return t.isEmpty() ? null : t;
    }

    /** A form value trimmed; empty when the field was not sent. */
    static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
