package dev.clarity.dashboard.signin;

import dev.clarity.crm.notify.JooqMailPreferences;
import dev.clarity.crm.notify.MailPreference;
import dev.clarity.dashboard.auth.Account;
import dev.clarity.dashboard.auth.Accounts;
import dev.clarity.dashboard.auth.PasswordChange;
import dev.clarity.dashboard.auth.Sessions;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.Optional;

/**
 * What a signed-in person does to their own account — {@code /account} (API tokens, and with {@code POST
 * /account/mail} how they hear of executions by mail) and {@code /account/password} —
 * and what an admin does to another's: {@code /people/{id}/tokens} lists a person's API tokens and
 * {@code POST /people/{id}/tokens/{token}/revoke} revokes one (audited). A session opened with a one-time password
 * reaches only the password page ({@link Guard#CHANGE_PASSWORD}).
 */
public final class AccountRoutes {
    private final Accounts accounts;
    private final Sessions sessions;
    private final Guard guard;
    private final JooqMailPreferences mail;

    public AccountRoutes(Accounts accounts, Sessions sessions, Guard guard, JooqMailPreferences mail) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.guard = guard;
        this.mail = mail;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/account", guard.allow(Guard.EVERYONE, (ctx, v) -> account(ctx, v, null, "")));
        config.routes.post("/account/tokens", guard.allow(Guard.EVERYONE, (ctx, v) -> {
            String name = Optional.ofNullable(ctx.formParam("name"))
                    .filter(s -> !s.isBlank())
                    .orElse("api")
                    .trim();
            String token = sessions.issueApiToken(v.personId(), name);
            account(ctx, v, "New API token \"" + name + "\": copy it now, it is not shown again.", token);
        }));
        config.routes.post("/account/mail", guard.allow(Guard.EVERYONE, (ctx, v) -> {
            String chosen = ctx.formParam("execution_mail");
            Optional<MailPreference> preference = MailPreference.find(chosen == null ? "" : chosen);
            if (preference.isEmpty()) {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                account(ctx, v, "Nothing changed: choose off, each or daily for execution mail.", "");
                return;
            }
            mail.set(v.personId(), preference.get(), v.login());
            account(ctx, v, "Execution mail: " + describe(preference.get()) + ".", "");
        }));
        config.routes.get(
                Guard.CHANGE_PASSWORD, guard.allow(Guard.EVERYONE, (ctx, v) -> passwordForm(ctx, v, Map.of())));
        config.routes.post(Guard.CHANGE_PASSWORD, guard.allow(Guard.EVERYONE, this::changePassword));
        config.routes.get(
                "/people/{id}/tokens", guard.allow(Guard.ADMINS, (ctx, v) -> tokens(ctx, v, person(ctx), null)));
        config.routes.post("/people/{id}/tokens/{token}/revoke", guard.allow(Guard.ADMINS, (ctx, v) -> {
            Account person = person(ctx);
            long token = id(ctx, "token");
            if (!sessions.revokeApiToken(v.login(), person.id(), token)) {
                throw new NotFoundResponse(person.login() + " has no active API token with id " + token + ".");
            }
            tokens(ctx, v, person, "Revoked the token; requests that send it are refused from now on.");
        }));
    }

    private void account(Context ctx, Viewer v, String notice, String token) {
        ctx.render(
                "account.jte",
                Map.of(
                        "chrome",
                        new Chrome(v, "Account", "account", notice, null),
                        "token",
                        token,
                        "executionMail",
                        mail.of(v.personId()).orElse(MailPreference.EACH).spelling()));
    }

    private static String describe(MailPreference p) {
        return switch (p) {
            case OFF -> "none";
            case EACH -> "one mail at each completion, pause or block";
            case DAILY -> "one digest a day";
        };
    }

    private void passwordForm(Context ctx, Viewer v, Map<String, String> errors) {
        String summary =
                errors.isEmpty() ? null : "Your password was not changed: " + String.join(" ", errors.values());
        ctx.render(
                "password.jte",
                Map.of("chrome", new Chrome(v, "Change password", "account", null, summary), "errors", errors));
    }

    private void changePassword(Context ctx, Viewer v) {
        PasswordChange outcome = accounts.changePassword(
                v.personId(),
                ctx.formParam("current"),
                ctx.formParam("password"),
                ctx.formParam("repeat"),
                ctx.cookie(Guard.SESSION_COOKIE));
        switch (outcome) {
            case PasswordChange.Changed changed -> {
                Viewer updated = new Viewer(v.personId(), v.login(), v.role(), v.customerId(), v.csrfToken(), false);
                account(ctx, updated, "Your password was changed; your other sessions were signed out.", "");
            }
            case PasswordChange.Refused refused -> {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                passwordForm(ctx, v, refused.errors());
            }
        }
    }

    private void tokens(Context ctx, Viewer v, Account person, String notice) {
        ctx.render(
                "tokens.jte",
                Map.of(
                        "chrome",
                        new Chrome(v, "API tokens of " + person.login(), "people", notice, null),
                        "person",
                        person,
                        "tokens",
                        sessions.apiTokens(person.id())));
    }

    private Account person(Context ctx) {
        return accounts.find(id(ctx, "id")).orElseThrow(() -> new NotFoundResponse("No such person."));
    }

    private static long id(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("No such record.");
        }
    }
}
