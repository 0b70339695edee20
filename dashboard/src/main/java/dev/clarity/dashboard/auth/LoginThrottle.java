package dev.clarity.dashboard.auth;

import static dev.clarity.migrations.jooq.Tables.LOGIN_ATTEMPTS;
import static dev.clarity.migrations.jooq.Tables.SIGN_IN_BUDGETS;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.types.DayToSecond;

/**
 * Slows down password guessing without letting a stranger lock a person out. Three budgets (token buckets) are
 * drawn on before a password is checked:
 *
 * <ul>
 *   <li><b>per (login, address)</b> — {@link Limits#pair}, by default 5 attempts at once, then one a minute: what a
 *       guesser working from one address meets.
 *   <li><b>per address</b> — {@link Limits#address}, by default 50 attempts at once over all logins, then one every
 *       6 s: one address trying many logins. (Behind a proxy that hides addresses this budget is shared, so it is
 *       generous and only slows.)
 *   <li><b>per login</b> — {@link Limits#login}, by default 100 attempts at once over all addresses, then one every
 *       30 s: many addresses guessing one login. When it is empty, only addresses with a clean record on that login
 *       (their pair budget is full: no failure there recently) are still admitted, each for one attempt; addresses
 *       that have been failing on it are refused.
 * </ul>
 *
 * <p>So a stranger hammering {@code admin} from one address exhausts only that address's budgets, and a stranger
 * with many addresses exhausts the login's budget but not the clean record of the real user's address: a correct
 * password from an address that has not been failing is always admitted (unless that address itself sprays other
 * logins). Guessers are slowed to a trickle — a refusal says how long to wait — rather than locked out for a fixed
 * time, and nobody is locked out by someone else.
 *
 * <p>Each budget is one row of {@code sign_in_budgets} holding the instant at which its bucket is full again
 * (GCRA): an attempt is admitted when that instant is at most {@code (burst - 1) × refill} ahead of now, and moves
 * it {@code refill} further. {@link #admit} locks the three rows and spends in one transaction, before the password
 * is checked, so parallel attempts never check more passwords than the budgets hold (40 parallel wrong passwords
 * against a pair budget of 5: 5 checked, 35 refused). A refused attempt spends nothing. {@link #succeeded} gives
 * the tokens back and forgets the pair's failures. Kept in PostgreSQL so every replica draws on the same budgets;
 * time comes from the injected clock. Thread-safe.
 */
public final class LoginThrottle {
    /** How many attempts a budget allows at once ({@code burst}) and how fast it refills (one per {@code refill}). */
    public record Budget(int burst, Duration refill) {
        public Budget {
            if (burst < 1 || refill.isNegative() || refill.isZero()) {
                throw new IllegalArgumentException("a budget needs a burst of at least 1 and a positive refill");
            }
        }

        /** How far ahead of now the full-again instant may be for one more attempt. */
        Duration slack() {
            return refill.multipliedBy(burst - 1L);
        }
    }

    /** The three budgets. */
    public record Limits(Budget pair, Budget address, Budget login) {
        public static Limits defaults() {
            return new Limits(
                    new Budget(5, Duration.ofMinutes(1)),
                    new Budget(50, Duration.ofSeconds(6)),
                    new Budget(100, Duration.ofSeconds(30)));
        }
    }

    private static final Duration SWEEP_AFTER = Duration.ofHours(1);

    private final DSLContext dsl;
    private final InstantSource clock;
    private final Limits limits;

    public LoginThrottle(DSLContext dsl, InstantSource clock, Limits limits) {
        this.dsl = dsl;
        this.clock = clock;
        this.limits = limits;
    }

    /** Decides, and when admitted spends the attempt's budgets, before any password is checked. */
    public SignInAdmission admit(String login, String address) {
        String who = normal(login);
        String pairKey = "pair:" + who + " " + address;
        String loginKey = "login:" + who;
        String addressKey = "address:" + address;
        Instant now = clock.instant();
        SignInAdmission outcome = dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            Map<String, Instant> fullAt = lock(db, List.of(pairKey, loginKey, addressKey), now);
            Instant pair = max(fullAt.get(pairKey), now);
            Instant byLogin = max(fullAt.get(loginKey), now);
            Instant byAddress = max(fullAt.get(addressKey), now);
            Duration addressWait = over(byAddress, now, limits.address());
            if (addressWait.isPositive()) {
                return new SignInAdmission.Refused(addressWait);
            }
            Duration pairWait = over(pair, now, limits.pair());
            if (pairWait.isPositive()) {
                return new SignInAdmission.Refused(pairWait);
            }
            boolean loginHasRoom = !over(byLogin, now, limits.login()).isPositive();
            boolean cleanRecord = !pair.isAfter(now);
            if (!loginHasRoom && !cleanRecord) {
                Duration untilClean = Duration.between(now, pair);
                Duration untilLogin = over(byLogin, now, limits.login());
                return new SignInAdmission.Refused(untilClean.compareTo(untilLogin) < 0 ? untilClean : untilLogin);
            }
            store(db, addressKey, byAddress.plus(limits.address().refill()));
            store(db, pairKey, pair.plus(limits.pair().refill()));
            if (loginHasRoom) {
                store(db, loginKey, byLogin.plus(limits.login().refill()));
            }
            return new SignInAdmission.Admitted(who, address, loginHasRoom);
        });
        dsl.deleteFrom(SIGN_IN_BUDGETS)
                .where(SIGN_IN_BUDGETS.FULL_AT.lt(at(now.minus(SWEEP_AFTER))))
                .execute();
        return outcome;
    }

    /** A correct password: the attempt's tokens go back and the pair's failures are forgotten. */
    public void succeeded(SignInAdmission.Admitted admitted) {
        dsl.deleteFrom(SIGN_IN_BUDGETS)
                .where(SIGN_IN_BUDGETS.KEY.eq("pair:" + admitted.login() + " " + admitted.address()))
                .execute();
        giveBack("address:" + admitted.address(), limits.address());
        if (admitted.chargedLogin()) {
            giveBack("login:" + admitted.login(), limits.login());
        }
    }

    /** Keeps a record of each checked attempt (who tried what from where); the budgets do not read it. */
    public void record(String login, String address, boolean succeeded) {
        // Attempts older than a day are of no further interest: sweep them as new ones arrive.
        dsl.deleteFrom(LOGIN_ATTEMPTS)
                .where(LOGIN_ATTEMPTS.LOGIN.eq(normal(login)))
                .and(LOGIN_ATTEMPTS.AT.lt(at(clock.instant().minus(Duration.ofDays(1)))))
                .execute();
        dsl.insertInto(LOGIN_ATTEMPTS)
                .set(LOGIN_ATTEMPTS.LOGIN, normal(login))
                .set(LOGIN_ATTEMPTS.REMOTE_ADDRESS, address)
                .set(LOGIN_ATTEMPTS.AT, at(clock.instant()))
                .set(LOGIN_ATTEMPTS.SUCCEEDED, succeeded)
                .execute();
    }

    /**
     * Creates the missing rows (as full buckets) and locks all of them, in key order in both steps, so that two
     * attempts sharing keys wait for each other instead of deadlocking.
     */
    private static Map<String, Instant> lock(DSLContext db, List<String> keys, Instant now) {
        List<String> sorted = keys.stream().sorted(Comparator.naturalOrder()).toList();
        var insert = db.insertInto(SIGN_IN_BUDGETS, SIGN_IN_BUDGETS.KEY, SIGN_IN_BUDGETS.FULL_AT);
        for (String k : sorted) {
            insert = insert.values(k, at(now));
        }
        insert.onConflictDoNothing().execute();
        Map<String, Instant> fullAt = new HashMap<>();
        db.select(SIGN_IN_BUDGETS.KEY, SIGN_IN_BUDGETS.FULL_AT)
                .from(SIGN_IN_BUDGETS)
                .where(SIGN_IN_BUDGETS.KEY.in(sorted))
                .orderBy(SIGN_IN_BUDGETS.KEY)
                .forUpdate()
                .forEach(r -> fullAt.put(r.value1(), r.value2().toInstant()));
        return fullAt;
    }

    private static void store(DSLContext db, String key, Instant fullAt) {
        db.insertInto(SIGN_IN_BUDGETS)
                .set(SIGN_IN_BUDGETS.KEY, key)
                .set(SIGN_IN_BUDGETS.FULL_AT, at(fullAt))
                .onConflict(SIGN_IN_BUDGETS.KEY)
                .doUpdate()
                .set(SIGN_IN_BUDGETS.FULL_AT, at(fullAt))
                .execute();
    }

    private void giveBack(String key, Budget budget) {
        dsl.update(SIGN_IN_BUDGETS)
                .set(SIGN_IN_BUDGETS.FULL_AT, SIGN_IN_BUDGETS.FULL_AT.minus(DayToSecond.valueOf(budget.refill())))
                .where(SIGN_IN_BUDGETS.KEY.eq(key))
                .execute();
    }

    /** How long until the bucket has room for one more attempt; zero or negative when it has room now. */
    private static Duration over(Instant fullAt, Instant now, Budget budget) {
        return Duration.between(now, fullAt).minus(budget.slack());
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || a.isBefore(b) ? b : a;
    }

    /**
     * Logins are compared case-insensitively; one longer than any real login (they have at most 39 characters) is
     * keyed by its hash, so that a guesser cannot fill the table with huge keys.
     */
    private static String normal(String login) {
        String s = login == null ? "" : login.trim().toLowerCase(Locale.ROOT);
        return s.length() <= 64 ? s : "sha256:" + Tokens.sha256(s);
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
