package dev.clarity.crm;

import static dev.clarity.migrations.jooq.Tables.COST_LINES;
import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXCHANGE_RATES;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_MEMBERS;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORDS;

import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;

/**
 * One embedded PostgreSQL for the crm module's tests, migrated, and a small fixture writing customers, projects,
 * people, time records and cost lines straight into their tables (the time-tracking forms are not this module's).
 * {@link #reset()} empties everything the tests write, so each test starts from the same state.
 */
public final class CrmDatabase {
    private static Database database;
    private static final AtomicInteger names = new AtomicInteger();

    private CrmDatabase() {}

    /** The shared database itself, for tests that need more than its DSL context. */
    public static synchronized Database shared() {
        dsl();
        return database;
    }

    public static synchronized DSLContext dsl() {
        if (database == null) {
            try {
                database = Database.open(
                        new DatabaseLocation.Embedded(Files.createTempDirectory("clarity-crm-test"), false), 8, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        }
        return database.dsl();
    }

    public static void reset() {
        dsl().execute("truncate customers, people, exchange_rates, invoice_counters, quickbooks_connections,"
                + " quickbooks_oauth_states, quickbooks_outbox, quickbooks_webhook_events restart identity cascade");
        dsl().execute("update organisation_settings set base_currency = 'EUR', machine_rate = null, time_zone = 'UTC'");
    }

    public static long customer(String name, String currency) {
        return dsl().insertInto(CUSTOMERS)
                .set(CUSTOMERS.NAME, name)
                .set(CUSTOMERS.SLUG, name.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-" + names.incrementAndGet())
                .set(CUSTOMERS.BILLING_CURRENCY, currency)
                .set(CUSTOMERS.BILLING_EMAIL, "billing@" + name.toLowerCase().replaceAll("[^a-z]", "") + ".example")
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
    }

    public static long project(long customer, String name, String hourlyRate) {
        String repo = "acme/" + name.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-" + names.incrementAndGet();
        return dsl().insertInto(PROJECTS)
                .set(PROJECTS.CUSTOMER_ID, customer)
                .set(PROJECTS.NAME, name)
                .set(PROJECTS.REPOSITORY, repo)
                .set(PROJECTS.CLONE_URL, "https://github.com/" + repo + ".git")
                .set(PROJECTS.HOURLY_RATE, hourlyRate == null ? null : new BigDecimal(hourlyRate))
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
    }

    public static long person(String name, String role) {
        return dsl().insertInto(PEOPLE)
                .set(PEOPLE.LOGIN, name.toLowerCase() + names.incrementAndGet())
                .set(PEOPLE.DISPLAY_NAME, name)
                .set(PEOPLE.ROLE, role)
                .returning(PEOPLE.ID)
                .fetchOne(PEOPLE.ID);
    }

    public static void member(long project, long person, String hourlyRate) {
        dsl().insertInto(PROJECT_MEMBERS)
                .set(PROJECT_MEMBERS.PROJECT_ID, project)
                .set(PROJECT_MEMBERS.PERSON_ID, person)
                .set(PROJECT_MEMBERS.HOURLY_RATE, hourlyRate == null ? null : new BigDecimal(hourlyRate))
                .execute();
    }

    /** A billable record of {@code seconds} on {@code day} at 09:00 UTC. */
    public static long time(long project, long person, LocalDate day, long seconds) {
        return dsl().insertInto(TIME_RECORDS)
                .set(TIME_RECORDS.PROJECT_ID, project)
                .set(TIME_RECORDS.PERSON_ID, person)
                .set(TIME_RECORDS.STARTED_AT, OffsetDateTime.parse(day + "T09:00:00Z"))
                .set(TIME_RECORDS.SECONDS, seconds)
                .set(TIME_RECORDS.BILLABLE_SECONDS, seconds)
                .set(TIME_RECORDS.BILLABLE, true)
                .returning(TIME_RECORDS.ID)
                .fetchOne(TIME_RECORDS.ID);
    }

    public static long cost(
            long project, String kind, String quantity, String unit, String amount, String currency, LocalDate day) {
        return dsl().insertInto(COST_LINES)
                .set(COST_LINES.PROJECT_ID, project)
                .set(COST_LINES.KIND, kind)
                .set(COST_LINES.DESCRIPTION, kind)
                .set(COST_LINES.QUANTITY, new BigDecimal(quantity))
                .set(COST_LINES.UNIT, unit)
                .set(COST_LINES.AMOUNT, new BigDecimal(amount))
                .set(COST_LINES.CURRENCY, currency)
                .set(COST_LINES.INCURRED_ON, day)
                .returning(COST_LINES.ID)
                .fetchOne(COST_LINES.ID);
    }

    public static void rate(String from, String to, LocalDate day, String rate) {
        dsl().insertInto(EXCHANGE_RATES)
                .set(EXCHANGE_RATES.FROM_CURRENCY, from)
                .set(EXCHANGE_RATES.TO_CURRENCY, to)
                .set(EXCHANGE_RATES.RATE_DATE, day)
                .set(EXCHANGE_RATES.RATE, new BigDecimal(rate))
                .execute();
    }

    /** A customer with a generated name, for tests that need only its currency. */
    public static long customer(String currency) {
        return customer("Customer", currency);
    }

    /** A project with a generated name and the given rounding rule. */
    public static long project(long customer, String rounding) {
        long id = project(customer, "Project", null);
        dsl().update(PROJECTS)
                .set(PROJECTS.ROUNDING, rounding)
                .where(PROJECTS.ID.eq(id))
                .execute();
        return id;
    }

    /** A person with a generated login and the given role. */
    public static long person(String role) {
        return person("Person", role);
    }
}
