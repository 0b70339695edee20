package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.AUDIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Admins see a person's API tokens and revoke one; the API refuses a revoked token at once. */
class ApiTokenRevocationTest {
    private final TestDashboard d = TestDashboard.shared();

    private long id(String login) {
        return d.feature.accounts().list().stream()
                .filter(a -> a.login().equals(login))
                .findFirst()
                .orElseThrow()
                .id();
    }

    private long tokenId(long person, String name) {
        return d.feature.sessions().apiTokens(person).stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow()
                .id();
    }

    @Test
    void an_admin_revokes_a_token_and_the_next_api_call_with_it_is_401() {
        long tom = id("tom");
        String token = d.feature.sessions().issueApiToken(tom, "laptop-to-revoke");
        HttpSession api = new HttpSession(d);
        assertThat(api.get("/api/executions", "Authorization", "Bearer " + token)
                        .statusCode())
                .isEqualTo(200);

        HttpSession root = HttpSession.signedIn(d, "root");
        HttpResponse<String> list = root.get("/people/" + tom + "/tokens");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .contains("API tokens of tom", "laptop-to-revoke")
                .doesNotContain(token);
        assertThat(root.get("/people/" + tom).body()).contains("/people/" + tom + "/tokens");

        long id = tokenId(tom, "laptop-to-revoke");
        HttpResponse<String> revoked = root.post("/people/" + tom + "/tokens/" + id + "/revoke", Map.of(), true);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body()).contains("Revoked the token");

        assertThat(api.get("/api/executions", "Authorization", "Bearer " + token)
                        .statusCode())
                .isEqualTo(401);
        assertThat(d.database
                        .dsl()
                        .fetchExists(
                                AUDIT,
                                AUDIT.ACTOR
                                        .eq("root")
                                        .and(AUDIT.ACTION.eq("dashboard.revoke-api-token"))
                                        .and(AUDIT.TARGET_ID.eq(Long.toString(id)))))
                .isTrue();
        assertThat(root.post("/people/" + tom + "/tokens/" + id + "/revoke", Map.of(), true)
                        .statusCode())
                .as("revoking twice")
                .isEqualTo(404);
    }

    @Test
    void a_manager_cannot_revoke_a_token_and_it_keeps_working() {
        long tom = id("tom");
        String token = d.feature.sessions().issueApiToken(tom, "kept-token");
        long id = tokenId(tom, "kept-token");

        HttpSession mia = HttpSession.signedIn(d, "mia");
        assertThat(mia.post("/people/" + tom + "/tokens/" + id + "/revoke", Map.of(), true)
                        .statusCode())
                .isEqualTo(403);
        assertThat(mia.get("/people/" + tom).body()).doesNotContain("/tokens");

        assertThat(new HttpSession(d)
                        .get("/api/executions", "Authorization", "Bearer " + token)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_revoke_without_the_csrf_token_is_refused() {
        long tom = id("tom");
        d.feature.sessions().issueApiToken(tom, "csrf-token-check");
        long id = tokenId(tom, "csrf-token-check");
        HttpSession root = HttpSession.signedIn(d, "root");
        assertThat(root.post("/people/" + tom + "/tokens/" + id + "/revoke", Map.of(), false)
                        .statusCode())
                .isEqualTo(403);
        assertThat(d.feature.sessions().apiTokens(tom).stream().filter(t -> t.id() == id))
                .allSatisfy(t -> assertThat(t.revoked()).isFalse());
    }
}
