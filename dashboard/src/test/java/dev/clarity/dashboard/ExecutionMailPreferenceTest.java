package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A person chooses on their account page how they hear of executions by mail. */
class ExecutionMailPreferenceTest {
    private final TestDashboard d = TestDashboard.shared();

    private String stored(String login) {
        return d.database
                .dsl()
                .select(PEOPLE.EXECUTION_MAIL)
                .from(PEOPLE)
                .where(PEOPLE.LOGIN.eq(login))
                .fetchSingle(PEOPLE.EXECUTION_MAIL);
    }

    @Test
    void a_person_chooses_a_daily_digest_and_the_page_shows_it_chosen() {
        HttpSession tom = HttpSession.signedIn(d, "tom");
        assertThat(tom.get("/account").body()).contains("value=\"each\" checked");

        HttpResponse<String> saved = tom.post("/account/mail", Map.of("execution_mail", "daily"), true);

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Execution mail: one digest a day.").contains("value=\"daily\" checked");
        assertThat(stored("tom")).isEqualTo("daily");
        tom.post("/account/mail", Map.of("execution_mail", "each"), true);
    }

    @Test
    void an_unknown_choice_is_refused_with_a_message_and_changes_nothing() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        mia.post("/account/mail", Map.of("execution_mail", "off"), true);

        HttpResponse<String> refused = mia.post("/account/mail", Map.of("execution_mail", "hourly"), true);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Nothing changed: choose off, each or daily for execution mail.");
        assertThat(stored("mia")).isEqualTo("off");
        mia.post("/account/mail", Map.of("execution_mail", "each"), true);
    }

    @Test
    void without_the_csrf_token_nothing_changes() {
        HttpSession carol = HttpSession.signedIn(d, "carol");

        HttpResponse<String> refused = carol.post("/account/mail", Map.of("execution_mail", "off"), false);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(stored("carol")).isEqualTo("each");
    }
}
