package dev.clarity.dashboard.auth;

import static dev.clarity.migrations.jooq.Tables.LOGIN_ATTEMPTS;

import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Slows down password guessing: after {@code perLogin} failures for one login, or {@code perAddress} failures
 * from one address, within {@code window}, further attempts are refused (without checking the password) until the
 * oldest failure leaves the window. Kept in PostgreSQL so that every replica counts the same attempts.
 */
public final class LoginThrottle {
    private final DSLContext dsl;
    private final InstantSource clock;
    private final Duration window;
    private final int perLogin;
    private final int perAddress;

    public LoginThrottle(DSLContext dsl, InstantSource clock, Duration window, int perLogin, int perAddress) {
        this.dsl = dsl;
        this.clock = clock;
        this.window = window;
        this.perLogin = perLogin;
        this.perAddress = perAddress;
    }

    /** A sentence for the user when this attempt must be refused; empty when it may go ahead. */
    public Optional<String> refusal(String login, String address) {
        OffsetDateTime since = now().minus(window);
        String key = normal(login);
        int byLogin = dsl.fetchCount(
                LOGIN_ATTEMPTS,
                LOGIN_ATTEMPTS.LOGIN.eq(key).and(LOGIN_ATTEMPTS.AT.gt(since)).and(LOGIN_ATTEMPTS.SUCCEEDED.isFalse()));
        int byAddress = dsl.fetchCount(
                LOGIN_ATTEMPTS,
                LOGIN_ATTEMPTS
                        .REMOTE_ADDRESS
                        .eq(address)
                        .and(LOGIN_ATTEMPTS.AT.gt(since))
                        .and(LOGIN_ATTEMPTS.SUCCEEDED.isFalse()));
        if (byLogin >= perLogin || byAddress >= perAddress) {
            return Optional.of("Too many failed sign-ins. Wait " + window.toMinutes()
                    + " minutes and try again, or ask an admin to reset your password.");
        }
        return Optional.empty();
    }

    public void record(String login, String address, boolean succeeded) {
        // Attempts older than a day no longer count for anything: sweep them as new ones arrive.
        dsl.deleteFrom(LOGIN_ATTEMPTS)
                .where(LOGIN_ATTEMPTS.LOGIN.eq(normal(login)))
                .and(LOGIN_ATTEMPTS.AT.lt(now().minusDays(1)))
                .execute();
        dsl.insertInto(LOGIN_ATTEMPTS)
                .set(LOGIN_ATTEMPTS.LOGIN, normal(login))
                .set(LOGIN_ATTEMPTS.REMOTE_ADDRESS, address)
                .set(LOGIN_ATTEMPTS.AT, now())
                .set(LOGIN_ATTEMPTS.SUCCEEDED, succeeded)
                .execute();
    }

    private static String normal(String login) {
        return login == null ? "" : login.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
