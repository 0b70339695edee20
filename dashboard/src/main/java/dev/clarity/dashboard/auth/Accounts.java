package dev.clarity.dashboard.auth;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;

import dev.clarity.migrations.jooq.tables.records.PeopleRecord;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Dashboard accounts stored in {@code people}: created by {@code ./clarity users add}, by the CRM, or as the first
 * admin on first start; passwords are Argon2id hashes. Thread-safe.
 */
public final class Accounts {
    /** GitHub-like logins: letters, digits, dots, dashes and underscores. */
    public static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,38}");

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
                .returning(PEOPLE.ID)
                .fetchOne(PEOPLE.ID);
        return new AccountOutcome.Created(id, login, role.get(), password);
    }

    /** Gives an existing account a new one-time password (the old one stops working). */
    public AccountOutcome resetPassword(long personId) {
        PeopleRecord p = dsl.fetchOne(PEOPLE, PEOPLE.ID.eq(personId));
        if (p == null) {
            return new AccountOutcome.Rejected("There is no person with id " + personId + ".");
        }
        String password = tokens.password();
        p.setPasswordHash(hasher.hash(password));
        p.setUpdatedAt(now());
        p.store();
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

    /** The id of the account for a login and password, when both match and the account is not archived. */
    public Optional<Long> verify(String login, String password) {
        if (login == null || password == null) {
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
        return dsl.select(
                        PEOPLE.ID, PEOPLE.LOGIN, PEOPLE.ROLE, CUSTOMERS.SLUG, PEOPLE.PASSWORD_HASH, PEOPLE.ARCHIVED_AT)
                .from(PEOPLE)
                .leftJoin(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PEOPLE.CUSTOMER_ID))
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
