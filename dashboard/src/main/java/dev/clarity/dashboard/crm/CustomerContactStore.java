package dev.clarity.dashboard.crm;

import static dev.clarity.migrations.jooq.Tables.CUSTOMER_CONTACTS;
import static dev.clarity.migrations.jooq.Tables.CUSTOMER_LIFECYCLE_CHANGES;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;

/** A customer's contacts and the history of its lifecycle. Thread-safe. */
public final class CustomerContactStore {
    private final DSLContext dsl;
    private final InstantSource clock;
    private final Audit audit;

    public CustomerContactStore(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    /** A contact; email, phone and role may be null. */
    public record Contact(long id, String name, String email, String phone, String role) {}

    /** One lifecycle change; {@code from} is null for the first state. */
    public record LifecycleChange(String from, String to, LocalDate effectiveOn, String actor) {}

    public List<Contact> contacts(long customer) {
        return dsl.select(
                        CUSTOMER_CONTACTS.ID,
                        CUSTOMER_CONTACTS.NAME,
                        CUSTOMER_CONTACTS.EMAIL,
                        CUSTOMER_CONTACTS.PHONE,
                        CUSTOMER_CONTACTS.ROLE)
                .from(CUSTOMER_CONTACTS)
                .where(CUSTOMER_CONTACTS.CUSTOMER_ID.eq(customer))
                .and(CUSTOMER_CONTACTS.ARCHIVED_AT.isNull())
                .orderBy(CUSTOMER_CONTACTS.NAME)
                .fetch(r -> new Contact(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Adds a contact person to the customer, audited ({@code customer.contact-added}) in the same transaction. */
    public void add(long customer, String name, String email, String phone, String role, String actor) {
        dsl.transaction(cfg -> {
            long id = cfg.dsl()
                    .insertInto(CUSTOMER_CONTACTS)
                    .set(CUSTOMER_CONTACTS.CUSTOMER_ID, customer)
                    .set(CUSTOMER_CONTACTS.NAME, name)
                    .set(CUSTOMER_CONTACTS.EMAIL, email)
                    .set(CUSTOMER_CONTACTS.PHONE, phone)
                    .set(CUSTOMER_CONTACTS.ROLE, role)
                    .set(CUSTOMER_CONTACTS.CREATED_AT, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .returning(CUSTOMER_CONTACTS.ID)
                    .fetchOne(CUSTOMER_CONTACTS.ID);
            audit.write(
                    cfg.dsl(), AuditEntry.of(actor, "customer.contact-added", "customer", customer, "contact " + id));
        });
    }

    public List<LifecycleChange> lifecycle(long customer) {
        return dsl.select(
                        CUSTOMER_LIFECYCLE_CHANGES.FROM_STATE,
                        CUSTOMER_LIFECYCLE_CHANGES.TO_STATE,
                        CUSTOMER_LIFECYCLE_CHANGES.EFFECTIVE_ON,
                        CUSTOMER_LIFECYCLE_CHANGES.ACTOR)
                .from(CUSTOMER_LIFECYCLE_CHANGES)
                .where(CUSTOMER_LIFECYCLE_CHANGES.CUSTOMER_ID.eq(customer))
                .orderBy(CUSTOMER_LIFECYCLE_CHANGES.CHANGED_AT, CUSTOMER_LIFECYCLE_CHANGES.ID)
                .fetch(r -> new LifecycleChange(r.value1(), r.value2(), r.value3(), r.value4()));
    }
}
