package dev.clarity.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.auth.AccountOutcome;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One-time passwords, the change-password page and what a change or a reset does to sessions, over real HTTP. */
class AccountPasswordTest {
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]*)\"");

    private final TestDashboard d = TestDashboard.shared();

    /** Signs in with whatever password is given and picks up the CSRF token from the page it lands on. */
    private HttpSession session(String login, String password, String landing) {
        HttpSession s = new HttpSession(d);
        HttpResponse<String> r = s.signIn(login, password);
        assertThat(r.statusCode()).as("signing in as %s", login).isEqualTo(303);
        Matcher m = CSRF_META.matcher(s.get(landing).body());
        assertThat(m.find()).isTrue();
        s.csrf = m.group(1);
        return s;
    }

    private AccountOutcome.Created newAccount(String login) {
        return (AccountOutcome.Created) d.feature.accounts().add(login, "team_member", null);
    }

    private static Map<String, String> change(String current, String chosen, String repeat) {
        return Map.of("current", current, "password", chosen, "repeat", repeat);
    }

    @Test
    void the_first_sign_in_with_a_one_time_password_lands_on_the_change_page_and_every_other_route_sends_there() {
        AccountOutcome.Created c = newAccount("first-timer");
        HttpSession s = new HttpSession(d);
        HttpResponse<String> signedIn = s.signIn("first-timer", c.oneTimePassword());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/account/password");
        assertThat(s.get("/account/password").body()).contains("You signed in with a one-time password");

        for (String page : new String[] {"/", "/account", "/queue", "/executions/" + d.acmeExecution}) {
            HttpResponse<String> r = s.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).as(page).hasValue("/account/password");
        }
        HttpResponse<String> api = s.get("/api/executions");
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.body()).contains("Choose a new password at /account/password first");
        HttpResponse<String> fragment = s.get("/partials/grid", "HX-Request", "true");
        assertThat(fragment.statusCode()).isEqualTo(403);
        assertThat(fragment.headers().firstValue("HX-Redirect")).hasValue("/account/password");
        assertThat(s.get("/static/app.js").statusCode()).isEqualTo(200);
    }

    @Test
    void a_wrong_current_password_a_short_one_and_a_mismatch_are_refused_naming_the_field() {
        AccountOutcome.Created c = newAccount("careless");
        HttpSession s = session("careless", c.oneTimePassword(), "/account/password");
        String otp = c.oneTimePassword();

        HttpResponse<String> wrong =
                s.post("/account/password", change("not-the-password", "a-fine-password", "a-fine-password"), true);
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Current password: this is not your current password.");

        HttpResponse<String> shortOne = s.post("/account/password", change(otp, "short", "short"), true);
        assertThat(shortOne.statusCode()).isEqualTo(422);
        assertThat(shortOne.body()).contains("New password: use at least 12 characters (this one has 5).");

        HttpResponse<String> mismatch =
                s.post("/account/password", change(otp, "a-fine-password", "a-fine-passw0rd"), true);
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(mismatch.body()).contains("New password again: the two new passwords differ.");

        HttpResponse<String> login = s.post("/account/password", change(otp, "careless", "careless"), true);
        assertThat(login.body()).contains("New password: use at least 12 characters");
        HttpResponse<String> same = s.post("/account/password", change(otp, otp, otp), true);
        assertThat(same.body()).contains("New password: it must differ from your current password.");

        assertThat(s.get("/").headers().firstValue("Location"))
                .as("nothing was changed")
                .hasValue("/account/password");
        assertThat(d.feature.accounts().verify("careless", otp)).isPresent();
    }

    @Test
    void the_new_password_must_not_be_the_login() {
        AccountOutcome.Created c = newAccount("a-long-login-name");
        HttpSession s = session("a-long-login-name", c.oneTimePassword(), "/account/password");
        HttpResponse<String> r = s.post(
                "/account/password", change(c.oneTimePassword(), "A-Long-Login-Name", "A-Long-Login-Name"), true);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("New password: it must not be your login.");
    }

    @Test
    void after_the_change_the_old_password_fails_the_new_one_works_and_the_other_sessions_are_ended() {
        AccountOutcome.Created c = newAccount("changer");
        HttpSession elsewhere = session("changer", c.oneTimePassword(), "/account/password");
        HttpSession here = session("changer", c.oneTimePassword(), "/account/password");

        HttpResponse<String> changed = here.post(
                "/account/password", change(c.oneTimePassword(), "changer's own secret", "changer's own secret"), true);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("Your password was changed; your other sessions were signed out.");

        assertThat(here.get("/").statusCode())
                .as("the session that changed it goes on")
                .isEqualTo(200);
        HttpResponse<String> other = elsewhere.get("/");
        assertThat(other.statusCode()).isEqualTo(303);
        assertThat(other.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith("/login"));

        assertThat(new HttpSession(d).signIn("changer", c.oneTimePassword()).statusCode())
                .isEqualTo(401);
        HttpResponse<String> again = new HttpSession(d).signIn("changer", "changer's own secret");
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.headers().firstValue("Location")).hasValue("/");
    }

    @Test
    void an_admin_reset_gives_a_new_one_time_password_and_ends_every_session() {
        AccountOutcome.Created c = newAccount("forgetful");
        HttpSession s = session("forgetful", c.oneTimePassword(), "/account/password");
        s.post("/account/password", change(c.oneTimePassword(), "forgetful-secret", "forgetful-secret"), true);
        assertThat(s.get("/").statusCode()).isEqualTo(200);

        AccountOutcome.Created reset =
                (AccountOutcome.Created) d.feature.accounts().resetPassword("forgetful");
        assertThat(s.get("/").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith("/login"));
        assertThat(new HttpSession(d).signIn("forgetful", "forgetful-secret").statusCode())
                .isEqualTo(401);
        HttpResponse<String> signedIn = new HttpSession(d).signIn("forgetful", reset.oneTimePassword());
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/account/password");
    }
}
