package dev.clarity.crm.quickbooks;

import static dev.clarity.migrations.jooq.Tables.QUICKBOOKS_CONNECTIONS;
import static dev.clarity.migrations.jooq.Tables.QUICKBOOKS_OAUTH_STATES;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import dev.clarity.crm.secrets.SecretSealer;
import dev.clarity.migrations.jooq.tables.records.QuickbooksConnectionsRecord;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The organisation's connection to its QuickBooks company. Connecting is OAuth 2.0 authorization code: {@link #start}
 * remembers a random state for ten minutes and gives the consent URL; {@link #complete} accepts the callback only
 * with a state it gave and not yet used. Tokens are stored sealed ({@link SecretSealer}, bound to the realm), and
 * {@link #access} refreshes the access token when it has less than five minutes left (under a row lock, so two
 * workers never spend the same refresh token). Thread-safe.
 */
public final class JooqQuickBooksConnection {
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    private final DSLContext dsl;
    private final QuickBooksClient client;
    private final SecretSealer sealer;
    private final InstantSource clock;
    private final Audit audit;
    private final Supplier<String> states;

    public JooqQuickBooksConnection(
            DSLContext dsl,
            QuickBooksClient client,
            SecretSealer sealer,
            InstantSource clock,
            Supplier<String> states) {
        this.dsl = dsl;
        this.client = client;
        this.sealer = sealer;
        this.clock = clock;
        this.audit = new Audit(clock);
        this.states = states;
    }

    /** An access token and the company it is for. */
    public record Access(String realmId, String accessToken) {
        @Override
        public String toString() {
            return "Access[" + realmId + "]";
        }
    }

    /** What an admin sees on the settings page. */
    public record Status(String realmId, String connectedBy, Instant connectedAt, Instant accessExpiresAt) {}

    public URI start(String actor) {
        String state = states.get();
        dsl.deleteFrom(QUICKBOOKS_OAUTH_STATES)
                .where(QUICKBOOKS_OAUTH_STATES.EXPIRES_AT.lt(at(clock.instant())))
                .execute();
        dsl.insertInto(QUICKBOOKS_OAUTH_STATES)
                .set(QUICKBOOKS_OAUTH_STATES.STATE, state)
                .set(QUICKBOOKS_OAUTH_STATES.CREATED_BY, actor)
                .set(QUICKBOOKS_OAUTH_STATES.EXPIRES_AT, at(clock.instant().plus(STATE_LIFETIME)))
                .execute();
        return client.authorizationUrl(state);
    }

    /**
     * Completes the callback. Empty when connected; otherwise the sentence to show (unknown or expired state, no
     * code, or QuickBooks refusing the code), and nothing is stored.
     */
    public Optional<String> complete(String state, String code, String realmId) {
        if (state == null || code == null || realmId == null || !realmId.matches("\\d{1,30}")) {
            return Optional.of("QuickBooks came back without a code, a state or a company id: connect again.");
        }
        String actor = dsl.deleteFrom(QUICKBOOKS_OAUTH_STATES)
                .where(QUICKBOOKS_OAUTH_STATES.STATE.eq(state))
                .and(QUICKBOOKS_OAUTH_STATES.EXPIRES_AT.ge(at(clock.instant())))
                .returning(QUICKBOOKS_OAUTH_STATES.CREATED_BY)
                .fetchOptional(QUICKBOOKS_OAUTH_STATES.CREATED_BY)
                .orElse(null);
        if (actor == null) {
            return Optional.of("This QuickBooks answer does not belong to a connection started here in the last ten"
                    + " minutes: connect again.");
        }
        QuickBooksTokens tokens;
        try {
            tokens = client.exchange(code);
        } catch (QuickBooksException e) {
            return Optional.of("QuickBooks did not accept the authorization: " + e.getMessage());
        }
        Instant now = clock.instant();
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.deleteFrom(QUICKBOOKS_CONNECTIONS).execute();
            tx.insertInto(QUICKBOOKS_CONNECTIONS)
                    .set(QUICKBOOKS_CONNECTIONS.REALM_ID, realmId)
                    .set(
                            QUICKBOOKS_CONNECTIONS.ACCESS_TOKEN_SEALED,
                            sealer.seal(tokens.accessToken(), context(realmId, "access")))
                    .set(
                            QUICKBOOKS_CONNECTIONS.REFRESH_TOKEN_SEALED,
                            sealer.seal(tokens.refreshToken(), context(realmId, "refresh")))
                    .set(QUICKBOOKS_CONNECTIONS.ACCESS_EXPIRES_AT, at(tokens.accessExpiresAt()))
                    .set(QUICKBOOKS_CONNECTIONS.REFRESH_EXPIRES_AT, at(tokens.refreshExpiresAt()))
                    .set(QUICKBOOKS_CONNECTIONS.CONNECTED_BY, actor)
                    .set(QUICKBOOKS_CONNECTIONS.CONNECTED_AT, at(now))
                    .set(QUICKBOOKS_CONNECTIONS.REFRESHED_AT, at(now))
                    .execute();
            audit.write(tx, new AuditEntry(actor, "quickbooks.connected", "quickbooks", realmId, "company " + realmId));
        });
        return Optional.empty();
    }

    public Optional<Status> status() {
        return dsl.selectFrom(QUICKBOOKS_CONNECTIONS)
                .fetchOptional()
                .map(r -> new Status(
                        r.getRealmId(),
                        r.getConnectedBy(),
                        r.getConnectedAt().toInstant(),
                        r.getAccessExpiresAt().toInstant()));
    }

    /** A usable access token, refreshed first when it is about to expire; empty when not connected. */
    public Optional<Access> access() {
        return access(false);
    }

    /** A fresh access token whatever the stored expiry says (QuickBooks answered 401). */
    public Optional<Access> refreshed() {
        return access(true);
    }

    private Optional<Access> access(boolean force) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            QuickbooksConnectionsRecord r =
                    tx.selectFrom(QUICKBOOKS_CONNECTIONS).forUpdate().fetchOne();
            if (r == null) {
                return Optional.<Access>empty();
            }
            String realm = r.getRealmId();
            Instant now = clock.instant();
            if (!force && r.getAccessExpiresAt().toInstant().isAfter(now.plus(REFRESH_BEFORE))) {
                return Optional.of(new Access(realm, sealer.open(r.getAccessTokenSealed(), context(realm, "access"))));
            }
            QuickBooksTokens t = client.refresh(sealer.open(r.getRefreshTokenSealed(), context(realm, "refresh")));
            r.setAccessTokenSealed(sealer.seal(t.accessToken(), context(realm, "access")));
            r.setRefreshTokenSealed(sealer.seal(t.refreshToken(), context(realm, "refresh")));
            r.setAccessExpiresAt(at(t.accessExpiresAt()));
            r.setRefreshExpiresAt(at(t.refreshExpiresAt()));
            r.setRefreshedAt(at(now));
            r.store();
            return Optional.of(new Access(realm, t.accessToken()));
        });
    }

    /** Forgets the connection and its tokens, audited ({@code quickbooks.disconnected}) in the same transaction. */
    public void disconnect(String actor) {
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            for (String realm : tx.deleteFrom(QUICKBOOKS_CONNECTIONS)
                    .returning(QUICKBOOKS_CONNECTIONS.REALM_ID)
                    .fetch(QUICKBOOKS_CONNECTIONS.REALM_ID)) {
                audit.write(tx, new AuditEntry(actor, "quickbooks.disconnected", "quickbooks", realm, null));
            }
        });
    }

    private static String context(String realm, String which) {
        return "quickbooks:" + realm + ":" + which;
    }

    private static OffsetDateTime at(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
