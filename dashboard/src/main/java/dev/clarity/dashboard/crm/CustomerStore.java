package dev.clarity.dashboard.crm;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.migrations.jooq.tables.records.CustomersRecord;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/** Customers: validation and storage. Thread-safe. */
public final class CustomerStore {
    private final DSLContext dsl;
    private final InstantSource clock;

    public CustomerStore(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** Customers visible to the viewer ({@code only} non-null narrows to one), archived last. */
    public List<CustomersRecord> list(Long only) {
        return dsl.selectFrom(CUSTOMERS)
                .where(only == null ? org.jooq.impl.DSL.noCondition() : CUSTOMERS.ID.eq(only))
                .orderBy(CUSTOMERS.ARCHIVED_AT.isNotNull(), CUSTOMERS.NAME)
                .fetch();
    }

    public Optional<CustomersRecord> find(long id) {
        return dsl.selectFrom(CUSTOMERS).where(CUSTOMERS.ID.eq(id)).fetchOptional();
    }

    public Saved save(Long id, Map<String, String> form) {
        String name = trim(form.get("name"));
        String slug = trim(form.get("slug")).toLowerCase(java.util.Locale.ROOT);
        String github = trim(form.get("github_login"));
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.isEmpty()) {
            errors.put("name", "Name is required.");
        }
        if (slug.isEmpty()) {
            errors.put("slug", "Slug is required (lower-case letters, digits and dashes, for example acme-corp).");
        } else if (!slug.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            errors.put("slug", "Slug may only contain lower-case letters, digits and dashes, for example acme-corp.");
        } else {
            dsl.selectFrom(CUSTOMERS)
                    .where(CUSTOMERS.SLUG.eq(slug))
                    .and(id == null ? org.jooq.impl.DSL.noCondition() : CUSTOMERS.ID.ne(id))
                    .fetchOptional()
                    .ifPresent(other -> errors.put(
                            "slug", "The slug \"" + slug + "\" is already used by " + other.getName() + "."));
        }
        if (!github.isEmpty() && !github.matches("[A-Za-z0-9-]{1,39}")) {
            errors.put("github_login", "GitHub login may only contain letters, digits and dashes (at most 39).");
        }
        if (!errors.isEmpty()) {
            return new Saved.Invalid(errors);
        }
        CustomersRecord r = id == null ? dsl.newRecord(CUSTOMERS) : find(id).orElse(null);
        if (r == null) {
            return new Saved.Invalid(Map.of("name", "This customer no longer exists."));
        }
        r.setName(name);
        r.setSlug(slug);
        r.setGithubLogin(github.isEmpty() ? null : github);
        r.setUpdatedAt(now());
        r.store();
        return new Saved.Stored(r.getId(), "Saved customer " + name + ".");
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

    static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
