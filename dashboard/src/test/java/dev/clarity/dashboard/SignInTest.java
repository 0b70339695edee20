package dev.clarity.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.auth.AccountOutcome;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        assertThat(blocked.body()).contains("Too many sign-in attempts");
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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "%2F%09%2Fhost%2F",
                "//evil",
                "%2F%2Fevil",
                "/%5Cevil",
                "https://evil",
                "https%3A%2F%2Fevil",
                "/%0d%0a",
                "/%0d%0aSet-Cookie:%20x=y",
                "%20/x",
                "/%7F"
            })
    void after_sign_in_only_a_local_path_is_followed(String next) {
        HttpSession signedIn = HttpSession.signedIn(d, "tom");
        HttpResponse<String> r = signedIn.get("/login?next=" + next);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).as(next).hasValue("/");

        HttpSession fresh = new HttpSession(d);
        String form = fresh.get("/login?next=" + next).body();
        assertThat(form).as(next).contains("name=\"next\" value=\"/\"");
    }

    @Test
    void a_local_path_with_a_query_is_followed_after_sign_in() {
        HttpSession signedIn = HttpSession.signedIn(d, "tom");
        HttpResponse<String> r = signedIn.get("/login?next=%2Fexecutions%2F4%3Fx%3D1");
        assertThat(r.headers().firstValue("Location")).hasValue("/executions/4?x=1");
    }

    @Test
    void forty_parallel_wrong_passwords_are_checked_at_most_five_times_and_the_rest_are_told_to_wait()
            throws Exception {
        d.feature.accounts().add("parallel-target", "team_member", null);
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String password = "wrong-" + i;
                // a browser tab each: every answer sets a new form token, which must not reach the other requests
                HttpSession s = new HttpSession(d);
                String token = s.get("/login").body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]*)\".*", "$1");
                answers.add(pool.submit(() -> {
                    go.await();
                    return s.post(
                            "/login", Map.of("_csrf", token, "login", "parallel-target", "password", password), false);
                }));
            }
            go.countDown();
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                byStatus.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() == 429) {
                    assertThat(r.body()).containsPattern("wait \\d+ s");
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                }
            }
            assertThat(byStatus).containsExactly(Map.entry(401, 5), Map.entry(429, 35));
        } finally {
            pool.shutdownNow();
        }
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
