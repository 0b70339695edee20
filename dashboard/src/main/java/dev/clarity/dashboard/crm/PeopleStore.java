package dev.clarity.dashboard.crm;

import static dev.clarity.dashboard.crm.CustomerStore.trim;
import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;

import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.dashboard.auth.Accounts;
import dev.clarity.dashboard.auth.Role;
import dev.clarity.dashboard.auth.Sessions;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.migrations.jooq.tables.records.PeopleRecord;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * People (dashboard accounts): validation and storage. A new person gets a one-time password, shown once. Only an
 * admin may create, edit or archive an admin, so a manager cannot raise anyone (or themselves) to admin.
 */
public final class PeopleStore {
    private final DSLContext dsl;
    private final Accounts accounts;
    private final Sessions sessions;
    private final InstantSource clock;

    public PeopleStore(DSLContext dsl, Accounts accounts, Sessions sessions, InstantSource clock) {
        this.dsl = dsl;
        this.accounts = accounts;
        this.sessions = sessions;
        this.clock = clock;
    }

    public List<PersonView> list() {
        return dsl.select(PEOPLE.fields())
                .select(CUSTOMERS.NAME)
                .from(PEOPLE)
                .leftJoin(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PEOPLE.CUSTOMER_ID))
                .orderBy(PEOPLE.ARCHIVED_AT.isNotNull(), PEOPLE.LOGIN)
                .fetch(r -> new PersonView(r.into(PEOPLE), r.get(CUSTOMERS.NAME)));
    }

    public Optional<PeopleRecord> find(long id) {
        return dsl.selectFrom(PEOPLE).where(PEOPLE.ID.eq(id)).fetchOptional();
    }

    public Saved save(Viewer editor, Long id, Map<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        String login = trim(form.get("login"));
        String display = trim(form.get("display_name"));
        String email = trim(form.get("email"));
        Optional<Role> role = Role.parse(form.get("role"));
        String customer = trim(form.get("customer_id"));
        PeopleRecord existing = id == null ? null : find(id).orElse(null);
        if (id != null && existing == null) {
            return new Saved.Invalid(Map.of("login", "This person no longer exists."));
        }
        if (!Accounts.LOGIN.matcher(login).matches()) {
            errors.put("login", "Login is 1 to 39 letters, digits, '.', '-' or '_', starting with a letter or digit.");
        } else if (dsl.fetchExists(
                PEOPLE,
                PEOPLE.LOGIN
                        .equalIgnoreCase(login)
                        .and(id == null ? org.jooq.impl.DSL.noCondition() : PEOPLE.ID.ne(id)))) {
            errors.put("login", "The login \"" + login + "\" is taken.");
        }
        if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.put("email", "Email does not look like an address (name@example.com).");
        }
        if (role.isEmpty()) {
            errors.put("role", "Role is one of admin, manager, team_member or client.");
        } else if (editor.role() != Role.ADMIN
                && (role.get() == Role.ADMIN
                        || (existing != null && Role.ADMIN.dbName().equals(existing.getRole())))) {
            errors.put("role", "Only an admin may create or change an admin.");
        }
        Long customerId = null;
        if (role.isPresent() && role.get() == Role.CLIENT) {
            if (!customer.matches("\\d{1,18}")
                    || !dsl.fetchExists(CUSTOMERS, CUSTOMERS.ID.eq(Long.parseLong(customer)))) {
                errors.put("customer_id", "A client belongs to a customer: choose one.");
            } else {
                customerId = Long.parseLong(customer);
            }
        }
        if (!errors.isEmpty()) {
            return new Saved.Invalid(errors);
        }
        if (existing == null) {
            AccountOutcome made =
                    accounts.add(login, role.get().dbName(), customerId == null ? null : customerId.toString());
            if (made instanceof AccountOutcome.Rejected rej) {
                return new Saved.Invalid(Map.of("login", rej.message()));
            }
            AccountOutcome.Created c = (AccountOutcome.Created) made;
            dsl.update(PEOPLE)
                    .set(PEOPLE.DISPLAY_NAME, display.isEmpty() ? null : display)
                    .set(PEOPLE.EMAIL, email.isEmpty() ? null : email)
                    .where(PEOPLE.ID.eq(c.personId()))
                    .execute();
            return new Saved.Stored(
                    c.personId(),
                    "Created " + login + ". One-time password: " + c.oneTimePassword() + " (shown only now).");
        }
        boolean roleChanged = !existing.getRole().equals(role.get().dbName());
        existing.setLogin(login);
        existing.setDisplayName(display.isEmpty() ? null : display);
        existing.setEmail(email.isEmpty() ? null : email);
        existing.setRole(role.get().dbName());
        existing.setCustomerId(customerId);
        existing.setUpdatedAt(now());
        existing.store();
        if (roleChanged) {
            sessions.closeAll(existing.getId());
        }
        return new Saved.Stored(existing.getId(), "Saved " + login + ".");
    }

    /** Archives a person and ends their sessions; refused for an admin unless the editor is an admin. */
    public Optional<String> archive(Viewer editor, long id) {
        PeopleRecord p = find(id).orElse(null);
        if (p == null) {
            return Optional.of("This person no longer exists.");
        }
        if (p.getId() == editor.personId()) {
            return Optional.of("You cannot archive yourself.");
        }
        if (Role.ADMIN.dbName().equals(p.getRole()) && editor.role() != Role.ADMIN) {
            return Optional.of("Only an admin may archive an admin.");
        }
        p.setArchivedAt(now());
        p.store();
        sessions.closeAll(id);
        return Optional.empty();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A person with their customer's name (clients only). */
    public record PersonView(PeopleRecord person, String customer) {}
}
