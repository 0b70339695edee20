package dev.clarity.dashboard.crm;

import static dev.clarity.dashboard.crm.CustomerForm.trim;

import dev.clarity.dashboard.auth.Accounts;
import dev.clarity.dashboard.auth.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The person form checked: what was entered, who enters it and what the database says about it ({@link Facts})
 * become a {@link Command} to save or one message per field. Only an admin may create or change an admin, so a
 * manager cannot raise anyone (or themselves) to admin. Pure; the facts are read before, the command saved after, by
 * {@link PeopleStore}.
 */
public final class PersonForm {
    private PersonForm() {}

    /**
     * What the database says about the values entered.
     *
     * @param loginTaken another person has the login entered (compared without case)
     * @param customerExists the customer chosen exists
     * @param currentRole the role of the person edited, empty for a new person
     */
    public record Facts(boolean loginTaken, boolean customerExists, Optional<Role> currentRole) {}

    /**
     * A person to save.
     *
     * @param customerId the customer of a client; empty for staff
     */
    public record Command(
            String login, Optional<String> displayName, Optional<String> email, Role role, Optional<Long> customerId) {}

    /** The login entered, trimmed. */
    public static String login(Map<String, String> form) {
        return trim(form.get("login"));
    }

    /** The customer chosen, when the field holds an id. */
    public static Optional<Long> customerId(Map<String, String> form) {
        return ProjectForm.customerId(form);
    }

    /** @param editor the role of the person saving the form */
    public static FormCheck<Command> check(Map<String, String> form, Role editor, Facts facts) {
        Map<String, String> errors = new LinkedHashMap<>();
        String login = login(form);
        String display = trim(form.get("display_name"));
        String email = trim(form.get("email"));
        Optional<Role> role = Role.parse(form.get("role"));
        if (!Accounts.LOGIN.matcher(login).matches()) {
            errors.put("login", "Login is 1 to 39 letters, digits, '.', '-' or '_', starting with a letter or digit.");
        } else if (facts.loginTaken()) {
            errors.put("login", "The login \"" + login + "\" is taken.");
        }
        if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.put("email", "Email does not look like an address (name@example.com).");
        }
        if (role.isEmpty()) {
            errors.put("role", "Role is one of admin, manager, team_member or client.");
        } else if (editor != Role.ADMIN
                && (role.get() == Role.ADMIN || facts.currentRole().equals(Optional.of(Role.ADMIN)))) {
            errors.put("role", "Only an admin may create or change an admin.");
        }
        Optional<Long> customerId = Optional.empty();
        if (role.isPresent() && role.get() == Role.CLIENT) {
            customerId = customerId(form);
            if (customerId.isEmpty() || !facts.customerExists()) {
                errors.put("customer_id", "A client belongs to a customer: choose one.");
            }
        }
        if (!errors.isEmpty()) {
            return new FormCheck.Invalid<>(errors);
        }
        return new FormCheck.Valid<>(new Command(
                login,
                display.isEmpty() ? Optional.empty() : Optional.of(display),
                email.isEmpty() ? Optional.empty() : Optional.of(email),
                role.orElseThrow(),
                customerId));
    }
}
