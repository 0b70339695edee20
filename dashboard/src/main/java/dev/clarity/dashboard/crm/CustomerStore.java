package dev.clarity.dashboard.crm;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.SelectJoinStep;
import org.jooq.impl.DSL;

/**
 * Customers: rows read as {@link Customer} records, what the form's check needs to know, and saving a checked
 * {@link CustomerForm.Command}. Thread-safe.
 */
public final class CustomerStore {
    private final DSLContext dsl;
    private final InstantSource clock;

    public CustomerStore(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** Customers visible to the viewer ({@code only} non-null narrows to one), archived last. */
    public List<Customer> list(Long only) {
        return select().where(only == null ? DSL.noCondition() : CUSTOMERS.ID.eq(only))
                .orderBy(CUSTOMERS.ARCHIVED_AT.isNotNull(), CUSTOMERS.NAME)
                .fetch(Records.mapping(Customer::new));
    }

    public Optional<Customer> find(long id) {
        return select().where(CUSTOMERS.ID.eq(id)).fetchOptional(Records.mapping(Customer::new));
    }

    private SelectJoinStep<org.jooq.Record5<Long, String, String, String, OffsetDateTime>> select() {
        return dsl.select(CUSTOMERS.ID, CUSTOMERS.NAME, CUSTOMERS.SLUG, CUSTOMERS.GITHUB_LOGIN, CUSTOMERS.ARCHIVED_AT)
                .from(CUSTOMERS);
    }

    /** What {@link CustomerForm#check} needs to know of the database about a form for customer {@code id}. */
    public CustomerForm.Facts facts(Long id, Map<String, String> form) {
        String slug = CustomerForm.slug(form);
        return new CustomerForm.Facts(dsl.select(CUSTOMERS.NAME)
                .from(CUSTOMERS)
                .where(CUSTOMERS.SLUG.eq(slug))
                .and(id == null ? DSL.noCondition() : CUSTOMERS.ID.ne(id))
                .fetchOptional(CUSTOMERS.NAME));
    }

    /** Creates the customer ({@code id} null) or changes customer {@code id}. */
    public Saved save(Long id, CustomerForm.Command customer) {
        String github = customer.githubLogin().orElse(null);
        if (id == null) {
            long created = dsl.insertInto(CUSTOMERS)
                    .set(CUSTOMERS.NAME, customer.name())
                    .set(CUSTOMERS.SLUG, customer.slug())
                    .set(CUSTOMERS.GITHUB_LOGIN, github)
                    .set(CUSTOMERS.UPDATED_AT, now())
                    .returning(CUSTOMERS.ID)
                    .fetchOne(CUSTOMERS.ID);
            return new Saved.Stored(created, "Saved customer " + customer.name() + ".");
        }
        int changed = dsl.update(CUSTOMERS)
                .set(CUSTOMERS.NAME, customer.name())
                .set(CUSTOMERS.SLUG, customer.slug())
                .set(CUSTOMERS.GITHUB_LOGIN, github)
                .set(CUSTOMERS.UPDATED_AT, now())
                .where(CUSTOMERS.ID.eq(id))
                .execute();
        if (changed == 0) {
            return new Saved.Invalid(Map.of("name", "This customer no longer exists."));
        }
        return new Saved.Stored(id, "Saved customer " + customer.name() + ".");
    }

    /** Archives the customer and its projects; their history stays. */
    public void archive(long id) {
        dsl.transaction(tx -> {
            tx.dsl()
                    .update(CUSTOMERS)
                    .set(CUSTOMERS.ARCHIVED_AT, now())
                    .where(CUSTOMERS.ID.eq(id))
                    .and(CUSTOMERS.ARCHIVED_AT.isNull())
                    .execute();
            tx.dsl()
                    .update(PROJECTS)
                    .set(PROJECTS.ARCHIVED_AT, now())
                    .where(PROJECTS.CUSTOMER_ID.eq(id))
                    .and(PROJECTS.ARCHIVED_AT.isNull())
                    .execute();
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
