package dev.clarity.dashboard.crm;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.CUSTOMER_LIFECYCLE_CHANGES;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import dev.clarity.dashboard.auth.CustomerAccess;
import dev.clarity.dashboard.auth.Viewer;
import java.time.InstantSource;
import java.time.LocalDate;
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
    private final Audit audit;

    public CustomerStore(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    /** The customers {@code viewer} reaches ({@link CustomerAccess}), archived last. */
    public List<Customer> list(Viewer viewer) {
        return select().where(CustomerAccess.reached(viewer, CUSTOMERS.ID))
                .orderBy(CUSTOMERS.ARCHIVED_AT.isNotNull(), CUSTOMERS.NAME)
                .fetch(Records.mapping(Customer::new));
    }

    /** Customer {@code id} when it exists and {@code viewer} reaches it; a customer out of reach is absent. */
    public Optional<Customer> find(Viewer viewer, long id) {
        return select().where(CUSTOMERS.ID.eq(id))
                .and(CustomerAccess.reached(viewer, CUSTOMERS.ID))
                .fetchOptional(Records.mapping(Customer::new));
    }

    private SelectJoinStep<org.jooq.Record8<Long, String, String, String, OffsetDateTime, String, String, Long>>
            select() {
        return dsl.select(
                        CUSTOMERS.ID,
                        CUSTOMERS.NAME,
                        CUSTOMERS.SLUG,
                        CUSTOMERS.GITHUB_LOGIN,
                        CUSTOMERS.ARCHIVED_AT,
                        CUSTOMERS.LIFECYCLE,
                        CUSTOMERS.BILLING_CURRENCY,
                        CUSTOMERS.MANAGER_ID)
                .from(CUSTOMERS);
    }

    /** The billing values of customer {@code id} as the form shows them. */
    public Map<String, String> billingValues(long id) {
        Map<String, String> m = new java.util.HashMap<>();
        dsl.selectFrom(CUSTOMERS).where(CUSTOMERS.ID.eq(id)).fetchOptional().ifPresent(c -> {
            m.put("billing_currency", c.getBillingCurrency());
            m.put("lifecycle", c.getLifecycle());
            m.put("manager_id", c.getManagerId() == null ? "" : c.getManagerId().toString());
            m.put("billing_name", nz(c.getBillingName()));
            m.put("billing_address", nz(c.getBillingAddress()));
            m.put("billing_email", nz(c.getBillingEmail()));
            m.put("tax_id", nz(c.getTaxId()));
            m.put("notes", nz(c.getNotes()));
        });
        return m;
    }

    /** The people who may manage a customer (admins and managers), by login. */
    public List<Person> managers() {
        return dsl.select(PEOPLE.ID, PEOPLE.LOGIN)
                .from(PEOPLE)
                .where(PEOPLE.ROLE.in("admin", "manager"))
                .and(PEOPLE.ARCHIVED_AT.isNull())
                .orderBy(PEOPLE.LOGIN)
                .fetch(r -> new Person(
                        r.value1(), r.value2(), null, null, dev.clarity.dashboard.auth.Role.MANAGER, null, null));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** What {@link CustomerForm#check} needs to know of the database about a form for customer {@code id}. */
    public CustomerForm.Facts facts(Long id, Map<String, String> form) {
        String slug = CustomerForm.slug(form);
        String manager = form.getOrDefault("manager_id", "").trim();
        boolean managerIsStaff = manager.isEmpty()
                || (manager.matches("[0-9]{1,18}")
                        && dsl.fetchExists(
                                PEOPLE,
                                PEOPLE.ID
                                        .eq(Long.parseLong(manager))
                                        .and(PEOPLE.ROLE.in("admin", "manager"))
                                        .and(PEOPLE.ARCHIVED_AT.isNull())));
        return new CustomerForm.Facts(
                dsl.select(CUSTOMERS.NAME)
                        .from(CUSTOMERS)
                        .where(CUSTOMERS.SLUG.eq(slug))
                        .and(id == null ? DSL.noCondition() : CUSTOMERS.ID.ne(id))
                        .fetchOptional(CUSTOMERS.NAME),
                managerIsStaff);
    }

    /**
     * Creates the customer ({@code id} null) or changes customer {@code id}; a new lifecycle state (or a new customer)
     * is recorded in its lifecycle history with its effective date and {@code actor}, in the same transaction.
     */
    public Saved save(Long id, CustomerForm.Command customer, String actor) {
        CustomerForm.Billing b = customer.billing();
        Map<org.jooq.Field<?>, Object> values = new java.util.LinkedHashMap<>();
        values.put(CUSTOMERS.NAME, customer.name());
        values.put(CUSTOMERS.SLUG, customer.slug());
        values.put(CUSTOMERS.GITHUB_LOGIN, customer.githubLogin().orElse(null));
        values.put(CUSTOMERS.LIFECYCLE, b.lifecycle());
        values.put(CUSTOMERS.BILLING_CURRENCY, b.currency());
        values.put(CUSTOMERS.MANAGER_ID, b.managerId());
        values.put(CUSTOMERS.BILLING_NAME, b.billingName());
        values.put(CUSTOMERS.BILLING_ADDRESS, b.billingAddress());
        values.put(CUSTOMERS.BILLING_EMAIL, b.billingEmail());
        values.put(CUSTOMERS.TAX_ID, b.taxId());
        values.put(CUSTOMERS.NOTES, b.notes());
        values.put(CUSTOMERS.UPDATED_AT, now());
        LocalDate on = b.lifecycleOn() != null ? b.lifecycleOn() : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            if (id == null) {
                long created = tx.insertInto(CUSTOMERS)
                        .set(values)
                        .returning(CUSTOMERS.ID)
                        .fetchOne(CUSTOMERS.ID);
                lifecycleChange(tx, created, null, b.lifecycle(), on, actor);
                audit.write(
                        tx,
                        AuditEntry.of(
                                actor,
                                "customer.created",
                                "customer",
                                created,
                                customer.slug() + ", " + b.lifecycle()));
                return new Saved.Stored(created, "Saved customer " + customer.name() + ".");
            }
            Optional<String> before = tx.select(CUSTOMERS.LIFECYCLE)
                    .from(CUSTOMERS)
                    .where(CUSTOMERS.ID.eq(id))
                    .forUpdate()
                    .fetchOptional(CUSTOMERS.LIFECYCLE);
            if (before.isEmpty()) {
                return new Saved.Invalid(Map.of("name", "This customer no longer exists."));
            }
            tx.update(CUSTOMERS).set(values).where(CUSTOMERS.ID.eq(id)).execute();
            boolean moved = !before.get().equals(b.lifecycle());
            if (moved) {
                lifecycleChange(tx, id, before.get(), b.lifecycle(), on, actor);
            }
            audit.write(
                    tx,
                    AuditEntry.of(
                            actor,
                            "customer.edited",
                            "customer",
                            id,
                            moved ? "lifecycle " + before.get() + " to " + b.lifecycle() + " from " + on : null));
            return new Saved.Stored(id, "Saved customer " + customer.name() + ".");
        });
    }

    private void lifecycleChange(DSLContext tx, long customer, String from, String to, LocalDate on, String actor) {
        tx.insertInto(CUSTOMER_LIFECYCLE_CHANGES)
                .set(CUSTOMER_LIFECYCLE_CHANGES.CUSTOMER_ID, customer)
                .set(CUSTOMER_LIFECYCLE_CHANGES.FROM_STATE, from)
                .set(CUSTOMER_LIFECYCLE_CHANGES.TO_STATE, to)
                .set(CUSTOMER_LIFECYCLE_CHANGES.EFFECTIVE_ON, on)
                .set(CUSTOMER_LIFECYCLE_CHANGES.CHANGED_AT, now())
                .set(CUSTOMER_LIFECYCLE_CHANGES.ACTOR, actor)
                .execute();
    }

    /** Archives the customer and its projects, audited ({@code customer.archived}); their history stays. */
    public void archive(long id, String actor) {
        dsl.transaction(tx -> {
            int archived = tx.dsl()
                    .update(CUSTOMERS)
                    .set(CUSTOMERS.ARCHIVED_AT, now())
                    .where(CUSTOMERS.ID.eq(id))
                    .and(CUSTOMERS.ARCHIVED_AT.isNull())
                    .execute();
            int projects = tx.dsl()
                    .update(PROJECTS)
                    .set(PROJECTS.ARCHIVED_AT, now())
                    .where(PROJECTS.CUSTOMER_ID.eq(id))
                    .and(PROJECTS.ARCHIVED_AT.isNull())
                    .execute();
            if (archived == 1) {
                audit.write(
                        tx.dsl(),
                        AuditEntry.of(actor, "customer.archived", "customer", id, "with " + projects + " project(s)"));
            }
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
