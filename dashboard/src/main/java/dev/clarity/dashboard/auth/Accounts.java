package dev.clarity.dashboard.auth;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.DASHBOARD_SESSIONS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;

import dev.clarity.migrations.jooq.tables.records.PeopleRecord;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Dashboard accounts stored in {@code people}: created by {@code ./clarity users add}, by the CRM, or as the first
 * admin on first start; passwords are Argon2id hashes. A password Clarity made up (a one-time password) must be
 * replaced by the person at their first sign-in ({@code must_change_password}). Thread-safe.
 */
public final class Accounts {
    /** GitHub-like logins: letters, digits, dots, dashes and underscores. */
    public static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,38}");
    /** The shortest password a person may choose. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** Longer passwords are refused before hashing, so that a request cannot make the server hash megabytes. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private final DSLContext dsl;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final InstantSource clock;

    public Accounts(DSLContext dsl, PasswordHasher hasher, Tokens tokens, InstantSource clock) {
        this.dsl = dsl;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Creates an account with a one-time password. {@code customer} (slug or id) is required for clients and
     * refused for the other roles.
     */
    public AccountOutcome add(String login, String roleName, String customer) {
        if (login == null || !LOGIN.matcher(login).matches()) {
            return new AccountOutcome.Rejected(
                    "The login \"" + login
                            + "\" is not valid: use 1 to 39 letters, digits, '.', '-' or '_', starting with a letter or digit.");
        }
        Optional<Role> role = Role.parse(roleName);
        if (role.isEmpty()) {
            return new AccountOutcome.Rejected(
                    "The role \"" + roleName + "\" is unknown: use admin, manager, team_member or client.");
        }
        Long customerId = null;
        if (role.get() == Role.CLIENT) {
            if (customer == null || customer.isBlank()) {
                return new AccountOutcome.Rejected("A client account needs --customer (the customer's slug).");
            }
            customerId = findCustomer(customer).orElse(null);
            if (customerId == null) {
                return new AccountOutcome.Rejected("There is no customer \"" + customer + "\".");
            }
        } else if (customer != null && !customer.isBlank()) {
            return new AccountOutcome.Rejected("Only client accounts belong to a customer; leave out --customer.");
        }
        if (dsl.fetchExists(PEOPLE, PEOPLE.LOGIN.equalIgnoreCase(login))) {
            return new AccountOutcome.Rejected("The login \"" + login + "\" is taken.");
        }
        String password = tokens.password();
        Long id = dsl.insertInto(PEOPLE)
                .set(PEOPLE.LOGIN, login)
                .set(PEOPLE.ROLE, role.get().dbName())
                .set(PEOPLE.CUSTOMER_ID, customerId)
                .set(PEOPLE.PASSWORD_HASH, hasher.hash(password))
                .set(PEOPLE.MUST_CHANGE_PASSWORD, true)
                .returning(PEOPLE.ID)
                .fetchOne(PEOPLE.ID);
        return new AccountOutcome.Created(id, login, role.get(), password);
    }

    /**
     * Gives an existing account a new one-time password: the old one stops working, every session of the person
     * ends, and the next sign-in must choose a new password.
     */
    public AccountOutcome resetPassword(long personId) {
        PeopleRecord p = dsl.fetchOne(PEOPLE, PEOPLE.ID.eq(personId));
        if (p == null) {
            return new AccountOutcome.Rejected("There is no person with id " + personId + ".");
        }
        String password = tokens.password();
        p.setPasswordHash(hasher.hash(password));
        p.setMustChangePassword(true);
        p.setUpdatedAt(now());
        dsl.transaction(tx -> {
            tx.dsl().executeUpdate(p);
            tx.dsl()
                    .deleteFrom(DASHBOARD_SESSIONS)
                    .where(DASHBOARD_SESSIONS.PERSON_ID.eq(personId))
                    .execute();
        });
        return new AccountOutcome.Created(
                p.getId(), p.getLogin(), Role.parse(p.getRole()).orElseThrow(), password);
    }

    /**
     * On first start (no admin that can sign in), creates the account {@code admin} with a one-time password and
     * returns it so that the caller prints it once; empty afterwards.
     */
    public Optional<AccountOutcome.Created> ensureFirstAdmin() {
        boolean hasAdmin = dsl.fetchExists(
                PEOPLE,
                PEOPLE.ROLE
                        .eq(Role.ADMIN.dbName())
                        .and(PEOPLE.PASSWORD_HASH.isNotNull())
                        .and(PEOPLE.ARCHIVED_AT.isNull()));
        if (hasAdmin) {
            return Optional.empty();
        }
        PeopleRecord existing = dsl.fetchOne(PEOPLE, PEOPLE.LOGIN.eq("admin"));
        AccountOutcome outcome =
                existing == null ? add("admin", Role.ADMIN.dbName(), null) : resetPassword(existing.getId());
        if (existing != null) {
            existing.refresh();
            existing.setRole(Role.ADMIN.dbName());
            existing.setArchivedAt(null);
            existing.setCustomerId(null);
            existing.store();
        }
        return outcome instanceof AccountOutcome.Created c ? Optional.of(c) : Optional.empty();
    }

    /** {@link #resetPassword(long)} by login, for {@code ./clarity users reset LOGIN}. */
    public AccountOutcome resetPassword(String login) {
        Optional<Long> id = login == null
                ? Optional.empty()
                : dsl.select(PEOPLE.ID)
                        .from(PEOPLE)
                        .where(PEOPLE.LOGIN.equalIgnoreCase(login.trim()))
                        .fetchOptional(PEOPLE.ID);
        return id.map(this::resetPassword)
                .orElseGet(() -> new AccountOutcome.Rejected("There is no account with the login \"" + login + "\"."));
    }

    /**
     * A signed-in person replaces their password: {@code current} must be right, {@code chosen} at least
     * {@value #MIN_PASSWORD_LENGTH} characters, neither the login nor the current password, and typed the same
     * twice. On success the one-time flag clears and every other session of the person ends ({@code keepSession},
     * the token of the session that asked, stays). Refusals name the field: {@code current}, {@code password},
     * {@code repeat}.
     */
    public PasswordChange changePassword(
            long personId, String current, String chosen, String repeat, String keepSession) {
        PeopleRecord p = dsl.fetchOne(PEOPLE, PEOPLE.ID.eq(personId));
        if (p == null || p.getArchivedAt() != null || p.getPasswordHash() == null) {
            return new PasswordChange.Refused(Map.of("current", "This account can no longer sign in."));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        boolean currentRight = current != null
                && current.length() <= MAX_PASSWORD_LENGTH
                && hasher.verify(current, p.getPasswordHash());
        if (!currentRight) {
            errors.put("current", "Current password: this is not your current password.");
        }
        String next = chosen == null ? "" : chosen;
        if (next.length() < MIN_PASSWORD_LENGTH) {
            errors.put(
                    "password",
                    "New password: use at least " + MIN_PASSWORD_LENGTH + " characters (this one has " + next.length()
                            + ").");
        } else if (next.length() > MAX_PASSWORD_LENGTH) {
            errors.put("password", "New password: use at most " + MAX_PASSWORD_LENGTH + " characters.");
        } else if (next.equalsIgnoreCase(p.getLogin())) {
            errors.put("password", "New password: it must not be your login.");
        } else if (next.equals(current)) {
            errors.put("password", "New password: it must differ from your current password.");
        }
        if (!next.equals(repeat)) {
            errors.put("repeat", "New password again: the two new passwords differ.");
        }
        if (!errors.isEmpty()) {
            return new PasswordChange.Refused(errors);
        }
        p.setPasswordHash(hasher.hash(next));
        p.setMustChangePassword(false);
        p.setUpdatedAt(now());
        String kept = keepSession == null ? "" : Tokens.sha256(keepSession);
        dsl.transaction(tx -> {
            tx.dsl().executeUpdate(p);
            tx.dsl()
                    .deleteFrom(DASHBOARD_SESSIONS)
                    .where(DASHBOARD_SESSIONS.PERSON_ID.eq(personId))
                    .and(DASHBOARD_SESSIONS.TOKEN_HASH.ne(kept))
                    .execute();
        });
        return new PasswordChange.Changed();
    }

    /** The id of the account for a login and password, when both match and the account is not archived. */
    public Optional<Long> verify(String login, String password) {
        if (login == null || password == null || password.length() > MAX_PASSWORD_LENGTH) {
            return Optional.empty();
        }
        PeopleRecord p = dsl.fetchOne(PEOPLE, PEOPLE.LOGIN.equalIgnoreCase(login.trim()));
        if (p == null || p.getArchivedAt() != null || p.getPasswordHash() == null) {
            // Hash anyway so that an unknown login takes as long as a wrong password.
            hasher.verify(
                    password,
                    "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
                            + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            return Optional.empty();
        }
        return hasher.verify(password, p.getPasswordHash()) ? Optional.of(p.getId()) : Optional.empty();
    }

    public List<Account> list() {
        return accountRows(org.jooq.impl.DSL.noCondition());
    }

    /** The account with id {@code personId}, archived or not. */
    public Optional<Account> find(long personId) {
        return accountRows(PEOPLE.ID.eq(personId)).stream().findFirst();
    }

    private List<Account> accountRows(org.jooq.Condition where) {
        return dsl.select(
                        PEOPLE.ID, PEOPLE.LOGIN, PEOPLE.ROLE, CUSTOMERS.SLUG, PEOPLE.PASSWORD_HASH, PEOPLE.ARCHIVED_AT)
                .from(PEOPLE)
                .leftJoin(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PEOPLE.CUSTOMER_ID))
                .where(where)
                .orderBy(PEOPLE.LOGIN)
                .fetch(r -> new Account(
                        r.value1(),
                        r.value2(),
                        Role.parse(r.value3()).orElseThrow(),
                        r.value4(),
                        r.value5() != null,
                        r.value6()));
    }

    private Optional<Long> findCustomer(String slugOrId) {
        var cond = CUSTOMERS.SLUG.eq(slugOrId.trim());
        if (slugOrId.trim().matches("\\d{1,18}")) {
            cond = cond.or(CUSTOMERS.ID.eq(Long.parseLong(slugOrId.trim())));
        }
        return dsl.select(CUSTOMERS.ID).from(CUSTOMERS).where(cond).fetchOptional(CUSTOMERS.ID);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
