package dev.clarity.dashboard.signin;

import dev.clarity.dashboard.auth.Accounts;
import dev.clarity.dashboard.auth.LoginThrottle;
import dev.clarity.dashboard.auth.Sessions;
import dev.clarity.dashboard.auth.SignInAdmission;
import dev.clarity.dashboard.auth.Tokens;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.dashboard.web.RequestValues;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET/POST /login} and {@code POST /logout}; the account pages are {@link AccountRoutes}. The sign-in form is protected by
 * a double-submit CSRF cookie (there is no session yet); attempts are throttled ({@link LoginThrottle}) before the password is checked.
 */
public final class SignInRoutes {
    private static final String LOGIN_CSRF_COOKIE = "clarity_login_csrf";
    /** {@code next} is reduced to a safe path by {@link #safeNext}; the password is only hashed, never stored. */
    private static final Set<String> UNCHECKED = Set.of("next", "password");

    private final Accounts accounts;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final Guard guard;
    private final Tokens tokens;
    private final Duration sessionLifetime;

    public SignInRoutes(
            Accounts accounts,
            Sessions sessions,
            LoginThrottle throttle,
            Guard guard,
            Tokens tokens,
            Duration sessionLifetime) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.guard = guard;
        this.tokens = tokens;
        this.sessionLifetime = sessionLifetime;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/login", this::form);
        config.routes.post("/login", this::signIn);
        config.routes.post("/logout", guard.allow(Guard.EVERYONE, (ctx, v) -> {
            sessions.close(ctx.cookie(Guard.SESSION_COOKIE));
            guard.setCookie(ctx, Guard.SESSION_COOKIE, "", 0);
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        }));
    }

    private void form(Context ctx) {
        RequestValues.check(ctx, UNCHECKED);
        if (guard.viewer(ctx).isPresent()) {
            ctx.redirect(safeNext(ctx.queryParam("next")), HttpStatus.SEE_OTHER);
            return;
        }
        renderForm(ctx, null, ctx.queryParam("next"), "");
    }

    private void renderForm(Context ctx, String error, String next, String login) {
        String csrf = tokens.next();
        guard.setCookie(ctx, LOGIN_CSRF_COOKIE, csrf, 3600);
        ctx.render(
                "login.jte",
                Map.of(
                        "csrf",
                        csrf,
                        "next",
                        safeNext(next),
                        "error",
                        error == null ? "" : error,
                        "login",
                        login == null ? "" : login));
    }

    private void signIn(Context ctx) {
        RequestValues.check(ctx, UNCHECKED);
        String login = Optional.ofNullable(ctx.formParam("login")).orElse("").trim();
        String next = ctx.formParam("next");
        String cookie = ctx.cookie(LOGIN_CSRF_COOKIE);
        String given = ctx.formParam("_csrf");
        if (cookie == null
                || given == null
                || !MessageDigest.isEqual(
                        cookie.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            ctx.status(HttpStatus.FORBIDDEN);
            renderForm(ctx, "The sign-in form expired; please try again.", next, login);
            return;
        }
        String address = ctx.ip();
        SignInAdmission admission = throttle.admit(login, address);
        if (admission instanceof SignInAdmission.Refused refused) {
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(refused.seconds()));
            renderForm(ctx, refused.message(), next, login);
            return;
        }
        var person = accounts.verify(login, ctx.formParam("password"));
        throttle.record(login, address, person.isPresent());
        if (person.isEmpty()) {
            ctx.status(HttpStatus.UNAUTHORIZED);
            renderForm(ctx, "The login or the password is wrong.", next, login);
            return;
        }
        throttle.succeeded((SignInAdmission.Admitted) admission);
        String token = sessions.open(person.get());
        guard.setCookie(ctx, Guard.SESSION_COOKIE, token, sessionLifetime.toSeconds());
        guard.setCookie(ctx, LOGIN_CSRF_COOKIE, "", 0);
        boolean oneTime = sessions.find(token).map(v -> v.mustChangePassword()).orElse(false);
        ctx.redirect(oneTime ? Guard.CHANGE_PASSWORD : safeNext(next), HttpStatus.SEE_OTHER);
    }

    /**
     * Only a local path is followed after sign-in, so that the sign-in page cannot send people elsewhere: {@code /}
     * followed by anything but a second slash, made of printable ASCII without a backslash. Browsers drop tabs and
     * line breaks from URLs and read a backslash as a slash, which is how {@code /\t/host} or {@code /\\host} would
     * otherwise become {@code //host}, another site. Anything else gives {@code /}.
     */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 2048 || next.charAt(0) != '/') {
            return "/";
        }
        if (next.length() > 1 && next.charAt(1) == '/') {
            return "/";
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return "/";
            }
        }
        return next;
    }
}
