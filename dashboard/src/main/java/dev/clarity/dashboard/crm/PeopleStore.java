package dev.clarity.dashboard.crm;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.dashboard.auth.Accounts;
import dev.clarity.dashboard.auth.CustomerAccess;
import dev.clarity.dashboard.auth.Role;
import dev.clarity.dashboard.auth.Sessions;
import dev.clarity.dashboard.auth.Viewer;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/**
 * People (dashboard accounts): rows read as {@link Person} records, what the form's check needs to know, and saving
 * a checked {@link PersonForm.Command}. A new person gets a one-time password, shown once. Archiving an admin is
 * refused unless an admin does it. Thread-safe.
 */
public final class PeopleStore {
    private final DSLContext dsl;
    private final Accounts accounts;
    private final Sessions sessions;
    private final InstantSource clock;
    private final Audit audit;

    public PeopleStore(DSLContext dsl, Accounts accounts, Sessions sessions, InstantSource clock) {
        this.dsl = dsl;
        this.accounts = accounts;
        this.sessions = sessions;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    /** Everyone, for choices that list only staff (a project's manager). */
    public List<PersonView> list() {
        return list(DSL.noCondition());
    }

    /** The people {@code v} sees ({@link #seenBy}), active ones first. */
    public List<PersonView> list(Viewer v) {
        return list(seenBy(v));
    }

    private List<PersonView> list(Condition where) {
        return dsl.select(person(), CUSTOMERS.NAME)
                .from(PEOPLE)
                .leftJoin(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PEOPLE.CUSTOMER_ID))
                .where(where)
                .orderBy(PEOPLE.ARCHIVED_AT.isNotNull(), PEOPLE.LOGIN)
                .fetch(r -> new PersonView(r.value1(), r.value2()));
    }

    public Optional<Person> find(long id) {
        return dsl.select(person()).from(PEOPLE).where(PEOPLE.ID.eq(id)).fetchOptional(Record1::value1);
    }

    /** Person {@code id} when {@code v} sees them ({@link #seenBy}); empty otherwise, which callers answer 404. */
    public Optional<Person> find(Viewer v, long id) {
        return dsl.select(person())
                .from(PEOPLE)
                .where(PEOPLE.ID.eq(id))
                .and(seenBy(v))
                .fetchOptional(Record1::value1);
    }

    /**
     * Whom {@code v} sees: an admin everyone; anyone else the organisation's own people (admins, managers, team
     * members) and the clients of the customers they reach ({@link CustomerAccess#reached}). A client belongs to
     * their customer, so another customer's client is as out of reach as the customer (ADR 0038): not listed, and
     * their page, form and archive answer 404.
     */
    private static Condition seenBy(Viewer v) {
        return CustomerAccess.reachesEvery(v)
                ? DSL.noCondition()
                : PEOPLE.ROLE.ne(Role.CLIENT.dbName()).or(CustomerAccess.reached(v, PEOPLE.CUSTOMER_ID));
    }

    /** A person's columns as one {@link Person}. */
    private static SelectField<Person> person() {
        return DSL.row(
                        PEOPLE.ID,
                        PEOPLE.LOGIN,
                        PEOPLE.DISPLAY_NAME,
                        PEOPLE.EMAIL,
                        PEOPLE.ROLE,
                        PEOPLE.CUSTOMER_ID,
                        PEOPLE.ARCHIVED_AT)
                .mapping((id, login, display, email, role, customer, archived) ->
                        new Person(id, login, display, email, Role.parse(role).orElseThrow(), customer, archived));
    }

    /**
     * What {@link PersonForm#check} needs to know of the database about a form for person {@code id} filled in by
     * {@code editor}: a customer out of the editor's reach counts as missing (ADR 0038).
     */
    public PersonForm.Facts facts(Viewer editor, Long id, Map<String, String> form) {
        boolean loginTaken = dsl.fetchExists(
                PEOPLE,
                PEOPLE.LOGIN
                        .equalIgnoreCase(PersonForm.login(form))
                        .and(id == null ? DSL.noCondition() : PEOPLE.ID.ne(id)));
        boolean customerExists = PersonForm.customerId(form)
                .map(c -> dsl.fetchExists(
                        CUSTOMERS, CUSTOMERS.ID.eq(c).and(CustomerAccess.reached(editor, CUSTOMERS.ID))))
                .orElse(false);
        Optional<Role> currentRole = id == null ? Optional.empty() : find(id).map(Person::role);
        return new PersonForm.Facts(loginTaken, customerExists, currentRole);
    }

    /**
     * Creates the person ({@code id} null: an account with a one-time password, shown in the notice) or changes
     * person {@code id}; a changed role ends their sessions.
     */
    public Saved save(Long id, PersonForm.Command person, String actor) {
        String display = person.displayName().orElse(null);
        String email = person.email().orElse(null);
        if (id == null) {
            AccountOutcome made = accounts.add(
                    person.login(),
                    person.role().dbName(),
                    person.customerId().map(Object::toString).orElse(null));
            return switch (made) {
                case AccountOutcome.Rejected rejected -> new Saved.Invalid(Map.of("login", rejected.message()));
                case AccountOutcome.Created created -> {
                    // the account itself is committed by Accounts; its details and the audit row commit together
                    dsl.transaction(cfg -> {
                        cfg.dsl()
                                .update(PEOPLE)
                                .set(PEOPLE.DISPLAY_NAME, display)
                                .set(PEOPLE.EMAIL, email)
                                .where(PEOPLE.ID.eq(created.personId()))
                                .execute();
                        audit.write(
                                cfg.dsl(),
                                AuditEntry.of(
                                        actor,
                                        "person.created",
                                        "person",
                                        created.personId(),
                                        person.login() + " as " + person.role().dbName()));
                    });
                    yield new Saved.Stored(
                            created.personId(),
                            "Created " + person.login() + ". One-time password: " + created.oneTimePassword()
                                    + " (shown only now).");
                }
            };
        }
        Optional<Role> before = find(id).map(Person::role);
        if (before.isEmpty()) {
            return new Saved.Invalid(Map.of("login", "This person no longer exists."));
        }
        dsl.transaction(cfg -> {
            cfg.dsl()
                    .update(PEOPLE)
                    .set(PEOPLE.LOGIN, person.login())
                    .set(PEOPLE.DISPLAY_NAME, display)
                    .set(PEOPLE.EMAIL, email)
                    .set(PEOPLE.ROLE, person.role().dbName())
                    .set(PEOPLE.CUSTOMER_ID, person.customerId().orElse(null))
                    .set(PEOPLE.UPDATED_AT, now())
                    .where(PEOPLE.ID.eq(id))
                    .execute();
            audit.write(
                    cfg.dsl(),
                    AuditEntry.of(
                            actor,
                            "person.edited",
                            "person",
                            id,
                            before.get() == person.role()
                                    ? null
                                    : "role " + before.get().dbName() + " to "
                                            + person.role().dbName()));
        });
        if (before.get() != person.role()) {
            sessions.closeAll(id);
        }
        return new Saved.Stored(id, "Saved " + person.login() + ".");
    }

    /** Archives a person and ends their sessions; refused for an admin unless the editor is an admin. */
    public Optional<String> archive(Viewer editor, long id) {
        Optional<Person> found = find(id);
        if (found.isEmpty()) {
            return Optional.of("This person no longer exists.");
        }
        Person p = found.get();
        if (p.id() == editor.personId()) {
            return Optional.of("You cannot archive yourself.");
        }
        if (p.role() == Role.ADMIN && editor.role() != Role.ADMIN) {
            return Optional.of("Only an admin may archive an admin.");
        }
        dsl.transaction(cfg -> {
            cfg.dsl()
                    .update(PEOPLE)
                    .set(PEOPLE.ARCHIVED_AT, now())
                    .where(PEOPLE.ID.eq(id))
                    .execute();
            audit.write(cfg.dsl(), AuditEntry.of(editor.login(), "person.archived", "person", id, p.login()));
        });
        sessions.closeAll(id);
        return Optional.empty();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A person with their customer's name (clients only). */
    public record PersonView(Person person, String customer) {}
}
