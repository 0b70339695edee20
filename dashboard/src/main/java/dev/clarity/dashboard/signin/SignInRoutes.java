package dev.clarity.dashboard.signin;

import dev.clarity.dashboard.auth.Accounts;
import dev.clarity.dashboard.auth.LoginThrottle;
import dev.clarity.dashboard.auth.Sessions;
import dev.clarity.dashboard.auth.Tokens;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET/POST /login}, {@code POST /logout} and {@code /account} (API tokens). The sign-in form is protected by
 * a double-submit CSRF cookie (there is no session yet); failures are throttled before the password is checked.
 */
public final class SignInRoutes {
    private static final String LOGIN_CSRF_COOKIE = "clarity_login_csrf";

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
        config.routes.get(
                "/account",
                guard.allow(
                        Guard.EVERYONE,
                        (ctx, v) -> ctx.render(
                                "account.jte",
                                Map.of("chrome", new Chrome(v, "Account", "account", null, null), "token", ""))));
        config.routes.post("/account/tokens", guard.allow(Guard.EVERYONE, (ctx, v) -> {
            String name = Optional.ofNullable(ctx.formParam("name"))
                    .filter(s -> !s.isBlank())
                    .orElse("api");
            String token = sessions.issueApiToken(v.personId(), name.trim());
            ctx.render(
                    "account.jte",
                    Map.of(
                            "chrome",
                            new Chrome(
                                    v,
                                    "Account",
                                    "account",
                                    "New API token \"" + name.trim() + "\": copy it now, it is not shown again.",
                                    null),
                            "token",
                            token));
        }));
    }

    private void form(Context ctx) {
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
        Optional<String> refused = throttle.refusal(login, address);
        if (refused.isPresent()) {
            ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            renderForm(ctx, refused.get(), next, login);
            return;
        }
        var person = accounts.verify(login, ctx.formParam("password"));
        throttle.record(login, address, person.isPresent());
        if (person.isEmpty()) {
            ctx.status(HttpStatus.UNAUTHORIZED);
            renderForm(ctx, "The login or the password is wrong.", next, login);
            return;
        }
        String token = sessions.open(person.get().getId());
        guard.setCookie(ctx, Guard.SESSION_COOKIE, token, sessionLifetime.toSeconds());
        guard.setCookie(ctx, LOGIN_CSRF_COOKIE, "", 0);
        ctx.redirect(safeNext(next), HttpStatus.SEE_OTHER);
    }

    /** Only local paths, so that the sign-in page cannot be used to send people elsewhere. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
            return "/";
        }
        return next;
    }
}
