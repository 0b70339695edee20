package dev.clarity.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.auth.AccountOutcome;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignInTest {
    private final TestDashboard d = TestDashboard.shared();

    @Test
    void signing_in_sets_an_http_only_same_site_lax_session_cookie_and_redirects_to_the_grid() {
        HttpSession s = new HttpSession(d);
        HttpResponse<String> r = s.signIn("tom", d.passwords.get("tom"));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/");
        List<String> cookies = r.headers().allValues("Set-Cookie");
        assertThat(cookies)
                .filteredOn(c -> c.startsWith("clarity_session="))
                .singleElement()
                .satisfies(
                        c -> assertThat(c).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure"));
        assertThat(s.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void behind_an_https_proxy_the_session_cookie_is_secure() {
        HttpSession s = new HttpSession(d);
        String body = s.get("/login").body();
        String csrf = body.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]*)\".*", "$1");
        HttpResponse<String> r = s.get("/login", "X-Forwarded-Proto", "https");
        assertThat(r.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("clarity_login_csrf=").contains("Secure", "HttpOnly"));
        assertThat(csrf).isNotBlank();
    }

    @Test
    void a_wrong_password_is_refused_and_repeated_failures_are_throttled_even_with_the_right_password() {
        AccountOutcome.Created c =
                (AccountOutcome.Created) d.feature.accounts().add("guesser-target", "team_member", null);
        HttpSession s = new HttpSession(d);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = s.signIn("guesser-target", "wrong-" + i);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("The login or the password is wrong.");
        }
        HttpResponse<String> blocked = s.signIn("guesser-target", c.oneTimePassword());
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.body()).contains("Too many failed sign-ins");
    }

    @Test
    void a_sign_in_without_the_form_token_is_refused() {
        HttpSession s = new HttpSession(d);
        HttpResponse<String> r = s.post("/login", Map.of("login", "tom", "password", d.passwords.get("tom")), false);
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void a_control_without_the_csrf_token_is_refused_and_not_passed_to_the_orchestrator() {
        HttpSession s = HttpSession.signedIn(d, "tom");
        int before = d.controls.calls.size();
        HttpResponse<String> r = s.post("/executions/" + d.acmeExecution + "/stop", Map.of(), false);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(d.controls.calls).hasSize(before);
    }

    @Test
    void signing_out_ends_the_session() {
        HttpSession s = HttpSession.signedIn(d, "mia");
        assertThat(s.post("/logout", Map.of(), true).statusCode()).isEqualTo(303);
        assertThat(s.get("/").statusCode()).isEqualTo(303);
    }

    @Test
    void the_next_parameter_cannot_send_people_to_another_site() {
        HttpSession s = new HttpSession(d);
        String body = s.get("/login?next=//evil.example").body();
        assertThat(body).contains("name=\"next\" value=\"/\"");
    }

    @Test
    void an_api_token_opens_the_api_without_a_session_and_a_wrong_one_gets_401() {
        long carolId = d.database
                .dsl()
                .select(dev.clarity.migrations.jooq.Tables.PEOPLE.ID)
                .from(dev.clarity.migrations.jooq.Tables.PEOPLE)
                .where(dev.clarity.migrations.jooq.Tables.PEOPLE.LOGIN.eq("carol"))
                .fetchOne(dev.clarity.migrations.jooq.Tables.PEOPLE.ID);
        String token = d.feature.sessions().issueApiToken(carolId, "test");
        HttpSession anonymous = new HttpSession(d);
        HttpResponse<String> ok = anonymous.get("/api/customers", "Authorization", "Bearer " + token);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("Globex").doesNotContain("Acme");
        assertThat(anonymous
                        .get("/api/customers", "Authorization", "Bearer nope")
                        .statusCode())
                .isEqualTo(401);
    }
}
