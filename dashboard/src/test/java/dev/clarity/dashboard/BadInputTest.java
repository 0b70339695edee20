package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.API_TOKENS;
import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values that PostgreSQL or a number parser cannot take (NULs, control characters, words where numbers belong,
 * unknown badges) are answered 400 with a sentence naming the parameter, and nothing is stored.
 */
class BadInputTest {
    private final TestDashboard d = TestDashboard.shared();

    @Test
    void a_nul_in_the_login_name_is_a_400_naming_the_login() {
        HttpSession s = new HttpSession(d);
        HttpResponse<String> r = s.signIn("tom\u0000", "whatever");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("login").contains("control character");
    }

    @Test
    void a_nul_in_a_customer_name_is_a_400_naming_the_field_and_stores_nothing() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        HttpResponse<String> r = mia.post("/customers", Map.of("name", "Nul\u0000Corp", "slug", "nul-corp"), true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"name\"").contains("control character");
        assertThat(d.database.dsl().fetchExists(CUSTOMERS, CUSTOMERS.SLUG.eq("nul-corp")))
                .isFalse();
    }

    @Test
    void a_nul_in_a_persons_display_name_is_a_400_and_creates_no_account() {
        HttpSession root = HttpSession.signedIn(d, "root");
        HttpResponse<String> r = root.post(
                "/people", Map.of("login", "nul-person", "display_name", "A\u0000B", "role", "team_member"), true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("display_name");
        assertThat(d.database.dsl().fetchExists(PEOPLE, PEOPLE.LOGIN.eq("nul-person")))
                .isFalse();
    }

    @Test
    void a_nul_in_an_api_token_name_is_a_400_and_issues_no_token() {
        HttpSession tom = HttpSession.signedIn(d, "tom");
        int before = d.database.dsl().fetchCount(API_TOKENS);
        HttpResponse<String> r = tom.post("/account/tokens", Map.of("name", "ci\u0000"), true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("name");
        assertThat(d.database.dsl().fetchCount(API_TOKENS)).isEqualTo(before);
    }

    @Test
    void a_nul_in_the_item_of_a_control_is_a_400_and_never_reaches_the_orchestrator() {
        HttpSession tom = HttpSession.signedIn(d, "tom");
        int before = d.controls.calls.size();
        HttpResponse<String> r =
                tom.post("/executions/" + d.acmeExecution + "/stop-after", Map.of("taskId", "1.\u00001"), true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("taskId");
        assertThat(d.controls.calls).hasSize(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/executions?badge=%00|badge",
                "/api/executions?badge=NOPE|badge",
                "/api/executions?before=%00|before",
                "/history?before=abc|before",
                "/history?before=99999999999999999999|before",
                "/api/history?limit=ten|limit",
                "/api/queue?after=%0A1|after",
                "/?x=%01|x"
            })
    void a_bad_query_parameter_is_a_400_naming_it(String path, String parameter) {
        HttpSession tom = HttpSession.signedIn(d, "tom");
        HttpResponse<String> r = tom.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        assertThat(r.body()).as(path).contains(parameter);
    }

    @Test
    void good_parameters_still_work() {
        HttpSession tom = HttpSession.signedIn(d, "tom");
        assertThat(tom.get("/api/executions?badge=INITIALIZING&limit=5").statusCode())
                .isEqualTo(200);
        assertThat(tom.get("/history?before=" + Long.MAX_VALUE).statusCode()).isEqualTo(200);
    }
}
