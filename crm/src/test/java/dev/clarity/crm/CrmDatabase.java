package dev.clarity.crm;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;

/** One embedded PostgreSQL with the real migrations for the module's tests, and small seeding helpers. */
public final class CrmDatabase {
    private static Database shared;
    private static final AtomicInteger SEQ = new AtomicInteger();

    private CrmDatabase() {}

    /** The shared database itself, for tests that need more than its DSL context. */
    public static synchronized Database shared() {
        dsl();
        return shared;
    }

    public static synchronized DSLContext dsl() {
        if (shared == null) {
            try {
                shared = Database.open(
                        new DatabaseLocation.Embedded(Files.createTempDirectory("clarity-crm-test"), false), 6, null);
            } catch (IOException e) {
                throw new IllegalStateException("Creating a temporary data directory", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared.dsl();
    }

    public static long customer(String currency) {
        int n = SEQ.incrementAndGet();
        return dsl().insertInto(CUSTOMERS)
                .set(CUSTOMERS.NAME, "Customer " + n)
                .set(CUSTOMERS.SLUG, "customer-" + n)
                .set(CUSTOMERS.BILLING_CURRENCY, currency)
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
    }

    public static long project(long customer, String rounding) {
        int n = SEQ.incrementAndGet();
        return dsl().insertInto(PROJECTS)
                .set(PROJECTS.CUSTOMER_ID, customer)
                .set(PROJECTS.NAME, "Project " + n)
                .set(PROJECTS.REPOSITORY, "acme/p" + n)
                .set(PROJECTS.CLONE_URL, "https://github.com/acme/p" + n + ".git")
                .set(PROJECTS.ROUNDING, rounding)
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
    }

    public static long person(String role) {
        int n = SEQ.incrementAndGet();
        return dsl().insertInto(PEOPLE)
                .set(PEOPLE.LOGIN, "person" + n)
                .set(PEOPLE.ROLE, role)
                .returning(PEOPLE.ID)
                .fetchOne(PEOPLE.ID);
    }
}
