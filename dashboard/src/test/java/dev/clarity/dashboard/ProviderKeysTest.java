package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.AUDIT;
import static dev.clarity.migrations.jooq.Tables.PROVIDER_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.keys.Provider;
import dev.clarity.dashboard.keys.ProviderKeyStore;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider keys through the admin page: sealed at rest, shown masked, audited, opened only for the gateway. */
class ProviderKeysTest {
    private static final String KEY = "sk-ant-api03-Zq8VbT3mWn5rK2yP9xL4cJ7h-TAIL9f3k";
    private final TestDashboard d = TestDashboard.shared();
    private final ProviderKeyStore store = d.feature.providerKeys().orElseThrow();

    @Test
    void a_key_set_by_an_admin_is_sealed_at_rest_shown_masked_audited_and_opened_for_the_project() {
        HttpSession root = HttpSession.signedIn(d, "root");

        HttpResponse<String> r = root.post(
                "/keys", Map.of("owner", "project:" + d.acmeProject, "provider", "anthropic", "key", KEY), true);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Stored the anthropic API key of project acme/shop (••••f3k".substring(0, 50));
        String page = root.get("/keys").body();
        assertThat(page).contains("••••9f3k").doesNotContain(KEY).doesNotContain("Zq8VbT3m");
        var row = d.database
                .dsl()
                .selectFrom(PROVIDER_KEYS)
                .where(PROVIDER_KEYS.PROJECT_ID.eq(d.acmeProject))
                .fetchSingle();
        assertThat(row.formatCSV()).doesNotContain(KEY).doesNotContain("Zq8VbT3m");
        assertThat(row.getLast4()).isEqualTo("9f3k");
        assertThat(store.forProject(d.acmeProject, Provider.ANTHROPIC)).contains(KEY);
        assertThat(store.forProject(d.acmeProject, Provider.OPENAI)).isEmpty();
        var audit = d.database
                .dsl()
                .selectFrom(AUDIT)
                .where(AUDIT.ACTION.like("provider_key.%"))
                .and(AUDIT.TARGET_ID.eq(Long.toString(d.acmeProject)))
                .fetch();
        assertThat(audit).isNotEmpty();
        assertThat(audit.formatCSV())
                .contains("root", "anthropic API key of project acme/shop")
                .doesNotContain(KEY);
    }

    @Test
    void a_customers_key_serves_its_projects_until_a_project_key_replaces_it_and_a_deleted_key_is_gone() {
        HttpSession root = HttpSession.signedIn(d, "root");
        root.post(
                "/keys", Map.of("owner", "customer:" + d.globex, "provider", "openai", "key", "sk-globex-0001"), true);
        assertThat(store.forProject(d.globexProject, Provider.OPENAI)).contains("sk-globex-0001");

        root.post(
                "/keys",
                Map.of("owner", "project:" + d.globexProject, "provider", "openai", "key", "sk-site-0002"),
                true);
        assertThat(store.forProject(d.globexProject, Provider.OPENAI)).contains("sk-site-0002");
        HttpResponse<String> replaced = root.post(
                "/keys",
                Map.of("owner", "project:" + d.globexProject, "provider", "openai", "key", "sk-site-0003"),
                true);
        assertThat(replaced.body()).contains("Replaced the openai API key of project globex/site");
        assertThat(store.forProject(d.globexProject, Provider.OPENAI)).contains("sk-site-0003");

        long id = store.list().stream()
                .filter(k -> k.owner().kind() == dev.clarity.dashboard.keys.KeyOwner.Kind.PROJECT
                        && k.owner().id() == d.globexProject
                        && k.provider() == Provider.OPENAI)
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(root.post("/keys/" + id + "/delete", Map.of(), true).statusCode())
                .isEqualTo(303);
        assertThat(store.forProject(d.globexProject, Provider.OPENAI)).contains("sk-globex-0001");
    }

    @Test
    void a_bad_key_is_refused_naming_the_problem_without_repeating_it_and_nothing_is_stored() {
        HttpSession root = HttpSession.signedIn(d, "root");
        int before = d.database.dsl().fetchCount(PROVIDER_KEYS);

        HttpResponse<String> spaced = root.post(
                "/keys", Map.of("owner", "customer:" + d.acme, "provider", "anthropic", "key", "sk-ant key x1"), true);
        HttpResponse<String> url = root.post(
                "/keys",
                Map.of("owner", "customer:" + d.acme, "provider", "ollama", "key", "file:///etc/passwd"),
                true);

        assertThat(spaced.statusCode()).isEqualTo(422);
        assertThat(spaced.body())
                .contains("holds a space or a control character")
                .doesNotContain("sk-ant key x1");
        assertThat(url.statusCode()).isEqualTo(422);
        assertThat(url.body()).contains("must be an http:// or https:// URL").doesNotContain("/etc/passwd");
        assertThat(d.database.dsl().fetchCount(PROVIDER_KEYS)).isEqualTo(before);
    }

    @Test
    void people_who_are_not_admins_cannot_set_a_key_or_see_the_page() {
        for (String login : java.util.List.of("mia", "tom", "carol")) {
            HttpSession s = HttpSession.signedIn(d, login);
            assertThat(s.get("/keys").statusCode()).isEqualTo(403);
            assertThat(s.post(
                                    "/keys",
                                    Map.of("owner", "customer:" + d.acme, "provider", "openai", "key", "sk-x-12345678"),
                                    true)
                            .statusCode())
                    .isEqualTo(403);
            assertThat(s.get("/").body()).doesNotContain("href=\"/keys\"");
        }
        assertThat(store.forProject(d.acmeProject, Provider.OPENAI)).isEmpty();
    }
}
