package dev.clarity.dashboard.auth;

import static dev.clarity.migrations.jooq.Tables.API_TOKENS;
import static dev.clarity.migrations.jooq.Tables.DASHBOARD_SESSIONS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Sign-in sessions and API tokens, both kept in PostgreSQL as SHA-256 hashes (so every replica knows every
 * session and a restart signs nobody out). A session ends when it expires, on sign-out, or when its person is
 * archived. Thread-safe.
 */
public final class Sessions {
    private final DSLContext dsl;
    private final Tokens tokens;
    private final InstantSource clock;
    private final Audit audit;
    private final Duration lifetime;

    /** How stale {@code api_tokens.last_used_at} may be: it is written at most once per this per token. */
    public static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    public Sessions(DSLContext dsl, Tokens tokens, InstantSource clock, Duration lifetime) {
        this.dsl = dsl;
        this.tokens = tokens;
        this.clock = clock;
        this.audit = new Audit(clock);
        this.lifetime = lifetime;
    }

    /** A new session for a person; the returned token goes into the cookie and nowhere else. */
    public String open(long personId) {
        String token = tokens.next();
        // Expired sessions are swept here, on sign-in, so the table never grows without bound (indexed delete).
        dsl.deleteFrom(DASHBOARD_SESSIONS)
                .where(DASHBOARD_SESSIONS.EXPIRES_AT.lt(now()))
                .execute();
        dsl.insertInto(DASHBOARD_SESSIONS)
                .set(DASHBOARD_SESSIONS.TOKEN_HASH, Tokens.sha256(token))
                .set(DASHBOARD_SESSIONS.PERSON_ID, personId)
                .set(DASHBOARD_SESSIONS.CSRF_TOKEN, tokens.next())
                .set(DASHBOARD_SESSIONS.CREATED_AT, now())
                .set(DASHBOARD_SESSIONS.EXPIRES_AT, now().plus(lifetime))
                .execute();
        return token;
    }

    /** The viewer for a session cookie, when the session is live and its person not archived. */
    public Optional<Viewer> find(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return dsl.select(
                        PEOPLE.ID,
                        PEOPLE.LOGIN,
                        PEOPLE.ROLE,
                        PEOPLE.CUSTOMER_ID,
                        DASHBOARD_SESSIONS.CSRF_TOKEN,
                        PEOPLE.MUST_CHANGE_PASSWORD)
                .from(DASHBOARD_SESSIONS)
                .join(PEOPLE)
                .on(PEOPLE.ID.eq(DASHBOARD_SESSIONS.PERSON_ID))
                .where(DASHBOARD_SESSIONS.TOKEN_HASH.eq(Tokens.sha256(token)))
                .and(DASHBOARD_SESSIONS.EXPIRES_AT.gt(now()))
                .and(PEOPLE.ARCHIVED_AT.isNull())
                .fetchOptional(r -> new Viewer(
                        r.value1(),
                        r.value2(),
                        Role.parse(r.value3()).orElseThrow(),
                        r.value4(),
                        r.value5(),
                        r.value6()));
    }

    public void close(String token) {
        if (token != null) {
            dsl.deleteFrom(DASHBOARD_SESSIONS)
                    .where(DASHBOARD_SESSIONS.TOKEN_HASH.eq(Tokens.sha256(token)))
                    .execute();
        }
    }

    /** Ends every session of a person (archived, password reset). */
    public void closeAll(long personId) {
        dsl.deleteFrom(DASHBOARD_SESSIONS)
                .where(DASHBOARD_SESSIONS.PERSON_ID.eq(personId))
                .execute();
    }

    /** A new API token for a person, shown once; requests send it as {@code Authorization: Bearer …}. */
    public String issueApiToken(long personId, String name) {
        String token = "clr_" + tokens.next();
        dsl.insertInto(API_TOKENS)
                .set(API_TOKENS.PERSON_ID, personId)
                .set(API_TOKENS.NAME, name)
                .set(API_TOKENS.TOKEN_HASH, Tokens.sha256(token))
                .set(API_TOKENS.CREATED_AT, now())
                .execute();
        return token;
    }

    /**
     * The viewer for an API token; API requests carry no CSRF token because a bearer header is never ambient. The
     * viewer carries the person's {@code must_change_password}: the guard refuses such a token until the person has
     * chosen a password in the browser. A live token's {@code last_used_at} is written at most once per
     * {@link #LAST_USED_RESOLUTION}, so that a busy client does not turn every read into a write.
     */
    public Optional<Viewer> findApiToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        return dsl.select(
                        PEOPLE.ID,
                        PEOPLE.LOGIN,
                        PEOPLE.ROLE,
                        PEOPLE.CUSTOMER_ID,
                        PEOPLE.MUST_CHANGE_PASSWORD,
                        API_TOKENS.ID,
                        API_TOKENS.LAST_USED_AT)
                .from(API_TOKENS)
                .join(PEOPLE)
                .on(PEOPLE.ID.eq(API_TOKENS.PERSON_ID))
                .where(API_TOKENS.TOKEN_HASH.eq(Tokens.sha256(token)))
                .and(API_TOKENS.REVOKED_AT.isNull())
                .and(PEOPLE.ARCHIVED_AT.isNull())
                .fetchOptional()
                .map(r -> {
                    OffsetDateTime lastUsed = r.value7();
                    if (lastUsed == null || lastUsed.isBefore(now.minus(LAST_USED_RESOLUTION))) {
                        touch(r.value6(), now);
                    }
                    return new Viewer(
                            r.value1(),
                            r.value2(),
                            Role.parse(r.value3()).orElseThrow(),
                            r.value4(),
                            null,
                            Boolean.TRUE.equals(r.value5()));
                });
    }

    /** The conditional update keeps two replicas that both saw a stale value from writing twice. */
    private void touch(long tokenId, OffsetDateTime now) {
        dsl.update(API_TOKENS)
                .set(API_TOKENS.LAST_USED_AT, now)
                .where(API_TOKENS.ID.eq(tokenId))
                .and(API_TOKENS.LAST_USED_AT.isNull().or(API_TOKENS.LAST_USED_AT.lt(now.minus(LAST_USED_RESOLUTION))))
                .execute();
    }

    /** A person's API tokens, newest first, revoked ones included (they show when they were revoked). */
    public List<ApiToken> apiTokens(long personId) {
        return dsl.select(
                        API_TOKENS.ID,
                        API_TOKENS.NAME,
                        API_TOKENS.CREATED_AT,
                        API_TOKENS.LAST_USED_AT,
                        API_TOKENS.REVOKED_AT)
                .from(API_TOKENS)
                .where(API_TOKENS.PERSON_ID.eq(personId))
                .orderBy(API_TOKENS.CREATED_AT.desc(), API_TOKENS.ID.desc())
                .fetch(r -> new ApiToken(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /**
     * Revokes token {@code tokenId} of person {@code personId} and writes who did it into {@code audit}, in one
     * transaction; the next request that sends the token is refused. False (and nothing written) when the person has
     * no such token or it was already revoked.
     */
    public boolean revokeApiToken(String actor, long personId, long tokenId) {
        return dsl.transactionResult(tx -> {
            int revoked = tx.dsl()
                    .update(API_TOKENS)
                    .set(API_TOKENS.REVOKED_AT, now())
                    .where(API_TOKENS.ID.eq(tokenId))
                    .and(API_TOKENS.PERSON_ID.eq(personId))
                    .and(API_TOKENS.REVOKED_AT.isNull())
                    .execute();
            if (revoked == 1) {
                audit.write(
                        tx.dsl(),
                        AuditEntry.of(
                                actor,
                                "dashboard.revoke-api-token",
                                "api_token",
                                tokenId,
                                "token of person " + personId));
            }
            return revoked == 1;
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
