package dev.clarity.dashboard.web;

import dev.clarity.dashboard.auth.Role;
import dev.clarity.dashboard.auth.Sessions;
import dev.clarity.dashboard.auth.Viewer;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server-side check in front of every dashboard route, API call and WebSocket: who is asking (session cookie,
 * or {@code Authorization: Bearer} API token), whether their role is allowed, and on writes from a browser session
 * whether the CSRF token matches. Without a viewer, pages redirect to {@code /login} and the API answers 401. A
 * session opened with a one-time password reaches only {@link #CHANGE_PASSWORD} and {@code /logout}: pages redirect
 * there, the API and htmx requests get 403. An API token of a person who must still change their password is
 * refused with 403 on every route, with a JSON message saying why.
 */
public final class Guard {
    public static final String SESSION_COOKIE = "clarity_session";
    public static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    public static final Set<Role> STAFF = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.TEAM_MEMBER);
    public static final Set<Role> CRM_WRITERS = EnumSet.of(Role.ADMIN, Role.MANAGER);
    public static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);
    /** Where a person signed in with a one-time password chooses their own. */
    public static final String CHANGE_PASSWORD = "/account/password";

    private static final Set<String> OPEN_BEFORE_CHANGE = Set.of(CHANGE_PASSWORD, "/logout");
    private static final String CHANGE_FIRST = "Choose a new password at " + CHANGE_PASSWORD
            + " first: the one you signed in with was a one-time password.";
    private static final String TOKEN_SUSPENDED = "This API token is suspended until its owner changes their"
            + " password: the account has a one-time password (new, or reset). Sign in at /login and choose a new"
            + " password at " + CHANGE_PASSWORD + "; the token works again afterwards.";

    private final Sessions sessions;
    private final boolean secureCookies;

    public Guard(Sessions sessions, boolean secureCookies) {
        this.sessions = sessions;
        this.secureCookies = secureCookies;
    }

    /**
     * Wraps a handler so that it runs only for a viewer whose role is in {@code roles}, and only with parameters
     * free of control characters ({@link RequestValues}).
     */
    public Handler allow(Set<Role> roles, ViewerHandler handler) {
        return ctx -> {
            RequestValues.check(ctx, Set.of());
            Optional<Viewer> viewer = viewer(ctx);
            boolean api = ctx.path().startsWith("/api/");
            if (viewer.isEmpty()) {
                if (api) {
                    ctx.status(HttpStatus.UNAUTHORIZED)
                            .header("WWW-Authenticate", "Bearer")
                            .json(Map.of("error", "Sign in or send an API token (Authorization: Bearer …)."));
                } else if (ctx.header("HX-Request") != null) {
                    ctx.status(HttpStatus.UNAUTHORIZED).header("HX-Redirect", "/login");
                } else {
                    String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
                    String next = ctx.method() == HandlerType.GET ? ctx.path() + query : "/";
                    ctx.redirect(
                            "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
                }
                return;
            }
            Viewer v = viewer.get();
            if (v.mustChangePassword() && v.csrfToken() == null) {
                // an API token of a person whose password was reset: no route, the password page included
                ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", TOKEN_SUSPENDED));
                return;
            }
            if (v.mustChangePassword() && !OPEN_BEFORE_CHANGE.contains(ctx.path())) {
                if (api) {
                    ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", CHANGE_FIRST));
                } else if (ctx.header("HX-Request") != null) {
                    ctx.status(HttpStatus.FORBIDDEN).header("HX-Redirect", CHANGE_PASSWORD);
                } else {
                    ctx.redirect(CHANGE_PASSWORD, HttpStatus.SEE_OTHER);
                }
                return;
            }
            if (!roles.contains(v.role())) {
                throw new ForbiddenResponse("Your role (" + v.role().dbName() + ") may not do this.");
            }
            if (ctx.method() != HandlerType.GET && v.csrfToken() != null && !csrfMatches(ctx, v.csrfToken())) {
                throw new ForbiddenResponse("This form has expired or did not come from Clarity; reload the page.");
            }
            handler.handle(ctx, v);
        };
    }

    /** The viewer behind a request, from the session cookie first, then a bearer API token. */
    public Optional<Viewer> viewer(Context ctx) {
        Optional<Viewer> fromCookie = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (fromCookie.isPresent()) {
            return fromCookie;
        }
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return sessions.findApiToken(auth.substring(7).trim());
        }
        return Optional.empty();
    }

    /**
     * The same lookup for a WebSocket, which carries the browser's cookies; a session that must still change its
     * one-time password gets no live updates.
     */
    public Optional<Viewer> viewer(String cookie, String authorization) {
        Optional<Viewer> v = sessions.find(cookie);
        if (v.isEmpty() && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            v = sessions.findApiToken(authorization.substring(7).trim());
        }
        return v.filter(found -> !found.mustChangePassword());
    }

    /** Sets a cookie HttpOnly and SameSite=Lax, Secure when served over HTTPS (directly or behind a proxy). */
    public void setCookie(Context ctx, String name, String value, long maxAgeSeconds) {
        boolean secure = secureCookies
                || "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                                + (secure ? "; Secure" : ""));
    }

    private static boolean csrfMatches(Context ctx, String expected) {
        String given = ctx.header("X-CSRF-Token");
        if (given == null) {
            given = ctx.formParam("_csrf");
        }
        return given != null
                && MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
