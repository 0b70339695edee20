package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.API_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.dashboard.auth.ApiToken;
import dev.clarity.dashboard.auth.Sessions;
import dev.clarity.dashboard.auth.Tokens;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What using an API token does and when it is refused: its owner's forced password change suspends it, and each use
 * is remembered in {@code last_used_at} (at most once a minute) for the admin's tokens page.
 */
class ApiTokenUseTest {
    private final TestDashboard d = TestDashboard.shared();

    /** An account (login unique to this test) that has chosen its password, with one API token. */
    private record Owner(long id, String token) {}

    private Owner owner(String login) {
        AccountOutcome.Created c = (AccountOutcome.Created) d.feature.accounts().add(login, "team_member", null);
        String chosen = login + "-chosen-password";
        d.feature.accounts().changePassword(c.personId(), c.oneTimePassword(), chosen, chosen, null);
        return new Owner(c.personId(), d.feature.sessions().issueApiToken(c.personId(), login + "-laptop"));
    }

    private HttpResponse<String> api(String token) {
        return new HttpSession(d).get("/api/executions", "Authorization", "Bearer " + token);
    }

    @Test
    void a_token_is_refused_with_403_and_a_reason_while_its_owner_must_change_a_reset_password() {
        Owner o = owner("token-reset-owner");
        assertThat(api(o.token()).statusCode()).isEqualTo(200);

        AccountOutcome.Created reset =
                (AccountOutcome.Created) d.feature.accounts().resetPassword(o.id());
        HttpResponse<String> refused = api(o.token());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(refused.body())
                .contains("\"error\"", "suspended until its owner changes their password", "/account/password");
        HttpResponse<String> passwordPage =
                new HttpSession(d).get("/account/password", "Authorization", "Bearer " + o.token());
        assertThat(passwordPage.statusCode())
                .as("the token cannot reach the password page either")
                .isEqualTo(403);

        String chosen = "token-reset-owner-second-password";
        d.feature.accounts().changePassword(o.id(), reset.oneTimePassword(), chosen, chosen, null);
        assertThat(api(o.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void a_token_of_a_new_account_that_never_chose_its_password_is_refused() {
        AccountOutcome.Created c =
                (AccountOutcome.Created) d.feature.accounts().add("token-first-timer", "team_member", null);
        String token = d.feature.sessions().issueApiToken(c.personId(), "early");
        HttpResponse<String> refused = api(token);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("one-time password");
    }

    @Test
    void a_use_of_a_token_shows_on_the_admins_tokens_page() {
        Owner o = owner("token-page-owner");
        HttpSession root = HttpSession.signedIn(d, "root");
        assertThat(root.get("/people/" + o.id() + "/tokens").body())
                .contains("Last used", "token-page-owner-laptop", "never");

        assertThat(api(o.token()).statusCode()).isEqualTo(200);

        ApiToken used = d.feature.sessions().apiTokens(o.id()).getFirst();
        assertThat(used.lastUsedAt()).isNotNull();
        assertThat(root.get("/people/" + o.id() + "/tokens").body())
                .contains(used.lastUsedAt().toString())
                .doesNotContain(">never<");
    }

    @Test
    void last_used_at_is_written_at_most_once_a_minute_per_token() {
        Owner o = owner("token-throttle-owner");
        Instant start = Instant.parse("2031-05-01T10:00:00Z");
        AtomicReference<Instant> now = new AtomicReference<>(start);
        InstantSource clock = now::get;
        Sessions sessions = new Sessions(d.database.dsl(), new Tokens(new SecureRandom()), clock, Duration.ofHours(1));

        assertThat(sessions.findApiToken(o.token())).isPresent();
        assertThat(lastUsed(o)).isEqualTo(at(start));

        now.set(start.plusSeconds(59));
        assertThat(sessions.findApiToken(o.token())).isPresent();
        assertThat(lastUsed(o)).as("within the minute nothing is written").isEqualTo(at(start));

        now.set(start.plusSeconds(61));
        assertThat(sessions.findApiToken(o.token())).isPresent();
        assertThat(lastUsed(o)).isEqualTo(at(start.plusSeconds(61)));

        assertThat(sessions.findApiToken("clr_not-a-token")).isEmpty();
        assertThat(lastUsed(o)).isEqualTo(at(start.plusSeconds(61)));
    }

    private OffsetDateTime lastUsed(Owner o) {
        return d.database
                .dsl()
                .select(API_TOKENS.LAST_USED_AT)
                .from(API_TOKENS)
                .where(API_TOKENS.PERSON_ID.eq(o.id()))
                .fetchOne(API_TOKENS.LAST_USED_AT)
                .withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime at(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
