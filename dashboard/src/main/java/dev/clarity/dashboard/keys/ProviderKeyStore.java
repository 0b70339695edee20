package dev.clarity.dashboard.keys;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROVIDER_KEYS;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import dev.clarity.crm.secrets.AesGcmSealer;
import dev.clarity.migrations.jooq.tables.records.ProviderKeysRecord;
import java.net.URI;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Provider keys in {@code provider_keys}, sealed with {@link AesGcmSealer}: set, replaced and deleted by admins (each
 * change written to {@code audit}, without the key), listed masked, and opened only by {@link #forProject} for the
 * model gateway. A project's key wins over its customer's. Thread-safe.
 */
public final class ProviderKeyStore {
    private static final int LONGEST = 1000;

    private final DSLContext dsl;
    private final AesGcmSealer sealer;
    private final InstantSource clock;
    private final Audit audit;

    public ProviderKeyStore(DSLContext dsl, AesGcmSealer sealer, InstantSource clock) {
        this.dsl = dsl;
        this.sealer = sealer;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    /** Sets or replaces the {@code provider} key of {@code owner}; a key that cannot be one is refused, naming why. */
    public KeyChange set(KeyOwner owner, Provider provider, String secret, String actor) {
        String value = secret == null ? "" : secret.strip();
        Optional<String> problem = problem(provider, value);
        if (problem.isPresent()) {
            return new KeyChange.Refused(problem.get());
        }
        Optional<KeyOwner> named = named(owner);
        if (named.isEmpty()) {
            return new KeyChange.Refused("There is no such "
                    + owner.kind().name().toLowerCase(java.util.Locale.ROOT) + " (it may have been archived).");
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        String last4 = value.substring(value.length() - 4);
        String sealed = sealer.seal(value, owner.context(provider));
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            Optional<ProviderKeysRecord> existing = tx.selectFrom(PROVIDER_KEYS)
                    .where(ownerIs(owner).and(PROVIDER_KEYS.PROVIDER.eq(provider.spelling())))
                    .forUpdate()
                    .fetchOptional();
            long id;
            if (existing.isPresent()) {
                id = existing.get().getId();
                tx.update(PROVIDER_KEYS)
                        .set(PROVIDER_KEYS.SEALED, sealed)
                        .set(PROVIDER_KEYS.LAST4, last4)
                        .set(PROVIDER_KEYS.UPDATED_BY, actor)
                        .set(PROVIDER_KEYS.UPDATED_AT, now)
                        .where(PROVIDER_KEYS.ID.eq(id))
                        .execute();
            } else {
                id = tx.insertInto(PROVIDER_KEYS)
                        .set(PROVIDER_KEYS.CUSTOMER_ID, owner.kind() == KeyOwner.Kind.CUSTOMER ? owner.id() : null)
                        .set(PROVIDER_KEYS.PROJECT_ID, owner.kind() == KeyOwner.Kind.PROJECT ? owner.id() : null)
                        .set(PROVIDER_KEYS.PROVIDER, provider.spelling())
                        .set(PROVIDER_KEYS.SEALED, sealed)
                        .set(PROVIDER_KEYS.LAST4, last4)
                        .set(PROVIDER_KEYS.UPDATED_BY, actor)
                        .set(PROVIDER_KEYS.UPDATED_AT, now)
                        .returning(PROVIDER_KEYS.ID)
                        .fetchSingle(PROVIDER_KEYS.ID);
            }
            audit(tx, actor, existing.isPresent() ? "provider_key.replace" : "provider_key.set", named.get(), provider);
            return new KeyChange.Saved(
                    new MaskedKey(id, named.get(), provider, last4, actor, now), existing.isPresent());
        });
    }

    /** Deletes the key {@code id}; false when there is none. */
    public boolean delete(long id, String actor) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            Optional<MaskedKey> key = list(tx, PROVIDER_KEYS.ID.eq(id)).stream().findFirst();
            if (key.isEmpty()) {
                return false;
            }
            tx.deleteFrom(PROVIDER_KEYS).where(PROVIDER_KEYS.ID.eq(id)).execute();
            audit(tx, actor, "provider_key.delete", key.get().owner(), key.get().provider());
            return true;
        });
    }

    /** Every stored key, masked, by owner. */
    public List<MaskedKey> list() {
        return list(dsl, DSL.noCondition());
    }

    /** Customers and projects that are not archived: who may be given a key. */
    public List<KeyOwner> owners() {
        List<KeyOwner> owners = new ArrayList<>();
        dsl.select(CUSTOMERS.ID, CUSTOMERS.NAME)
                .from(CUSTOMERS)
                .where(CUSTOMERS.ARCHIVED_AT.isNull())
                .orderBy(CUSTOMERS.NAME)
                .forEach(r -> owners.add(new KeyOwner(KeyOwner.Kind.CUSTOMER, r.value1(), r.value2())));
        dsl.select(PROJECTS.ID, PROJECTS.REPOSITORY)
                .from(PROJECTS)
                .where(PROJECTS.ARCHIVED_AT.isNull())
                .orderBy(PROJECTS.REPOSITORY)
                .forEach(r -> owners.add(new KeyOwner(KeyOwner.Kind.PROJECT, r.value1(), r.value2())));
        return owners;
    }

    /**
     * The {@code provider} key for work on project {@code projectId}, opened: the project's own, else its customer's;
     * empty when neither has one (Clarity's environment applies then). For the model gateway only: the value must not
     * reach a log, an event, an artifact or a page.
     */
    public Optional<String> forProject(long projectId, Provider provider) {
        Long customer = dsl.select(PROJECTS.CUSTOMER_ID)
                .from(PROJECTS)
                .where(PROJECTS.ID.eq(projectId))
                .fetchOptional(PROJECTS.CUSTOMER_ID)
                .orElse(null);
        return open(new KeyOwner(KeyOwner.Kind.PROJECT, projectId, null), provider)
                .or(() -> customer == null
                        ? Optional.empty()
                        : open(new KeyOwner(KeyOwner.Kind.CUSTOMER, customer, null), provider));
    }

    /** The customer's own {@code provider} key, opened; empty when it has none. For the model gateway only. */
    public Optional<String> forCustomer(long customerId, Provider provider) {
        return open(new KeyOwner(KeyOwner.Kind.CUSTOMER, customerId, null), provider);
    }

    private Optional<String> open(KeyOwner owner, Provider provider) {
        return dsl.select(PROVIDER_KEYS.SEALED)
                .from(PROVIDER_KEYS)
                .where(ownerIs(owner).and(PROVIDER_KEYS.PROVIDER.eq(provider.spelling())))
                .fetchOptional(PROVIDER_KEYS.SEALED)
                .map(value -> sealer.open(value, owner.context(provider)));
    }

    static Optional<String> problem(Provider provider, String value) {
        if (value.isEmpty()) {
            return Optional.of("Enter the " + provider.secretName() + ".");
        }
        if (value.length() > LONGEST) {
            return Optional.of("The " + provider.secretName() + " is longer than " + LONGEST + " characters.");
        }
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.of("The " + provider.secretName() + " holds a space or a control character.");
        }
        if (provider == Provider.OLLAMA) {
            try {
                URI uri = new URI(value);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    return Optional.of("The server URL must be an http:// or https:// URL with a host.");
                }
            } catch (java.net.URISyntaxException e) {
                return Optional.of("The server URL must be an http:// or https:// URL with a host.");
            }
        } else if (value.length() < 8) {
            return Optional.of("An API key has at least 8 characters.");
        }
        return Optional.empty();
    }

    private Optional<KeyOwner> named(KeyOwner owner) {
        return owners().stream()
                .filter(o -> o.kind() == owner.kind() && o.id() == owner.id())
                .findFirst();
    }

    private static org.jooq.Condition ownerIs(KeyOwner owner) {
        return owner.kind() == KeyOwner.Kind.CUSTOMER
                ? PROVIDER_KEYS.CUSTOMER_ID.eq(owner.id())
                : PROVIDER_KEYS.PROJECT_ID.eq(owner.id());
    }

    private static List<MaskedKey> list(DSLContext dsl, org.jooq.Condition where) {
        return dsl.select(
                        PROVIDER_KEYS.ID,
                        PROVIDER_KEYS.CUSTOMER_ID,
                        PROVIDER_KEYS.PROJECT_ID,
                        PROVIDER_KEYS.PROVIDER,
                        PROVIDER_KEYS.LAST4,
                        PROVIDER_KEYS.UPDATED_BY,
                        PROVIDER_KEYS.UPDATED_AT,
                        CUSTOMERS.NAME,
                        PROJECTS.REPOSITORY)
                .from(PROVIDER_KEYS)
                .leftJoin(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROVIDER_KEYS.CUSTOMER_ID))
                .leftJoin(PROJECTS)
                .on(PROJECTS.ID.eq(PROVIDER_KEYS.PROJECT_ID))
                .where(where)
                .orderBy(CUSTOMERS.NAME.nullsLast(), PROJECTS.REPOSITORY.nullsLast(), PROVIDER_KEYS.PROVIDER)
                .fetch(r -> new MaskedKey(
                        r.value1(),
                        r.value2() != null
                                ? new KeyOwner(KeyOwner.Kind.CUSTOMER, r.value2(), r.value8())
                                : new KeyOwner(KeyOwner.Kind.PROJECT, r.value3(), r.value9()),
                        Provider.of(r.value4()).orElseThrow(),
                        r.value5(),
                        r.value6(),
                        r.value7()));
    }

    private void audit(DSLContext tx, String actor, String action, KeyOwner owner, Provider provider) {
        audit.write(
                tx,
                AuditEntry.of(
                        actor,
                        action,
                        owner.kind().name().toLowerCase(java.util.Locale.ROOT),
                        owner.id(),
                        provider.spelling() + " " + provider.secretName() + " of " + owner.label()));
    }
}
