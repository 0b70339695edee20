package dev.clarity.bot.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** app-manifest.yml asks for exactly what Clarity's features need, in GitHub's manifest parameters. */
class AppManifestTest {
    private static final Path MANIFEST = Path.of("..", "app-manifest.yml");
    private static final Set<String> MANIFEST_PARAMETERS = Set.of(
            "name",
            "url",
            "hook_attributes",
            "redirect_url",
            "callback_urls",
            "setup_url",
            "description",
            "public",
            "default_events",
            "default_permissions",
            "request_oauth_on_install",
            "setup_on_update");

    private static JsonNode manifest;
    private static List<String> lines;

    @BeforeAll
    static void read() throws IOException {
        manifest = new ObjectMapper(new YAMLFactory()).readTree(MANIFEST.toFile());
        lines = Files.readAllLines(MANIFEST);
    }

    @Test
    void uses_only_github_manifest_parameters() {
        List<String> keys = new ArrayList<>();
        manifest.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isSubsetOf(MANIFEST_PARAMETERS);
        assertThat(keys).contains("name", "url", "hook_attributes", "redirect_url", "setup_url", "description");
        assertThat(manifest.path("hook_attributes").path("url").asText()).endsWith("/webhooks/github");
        assertThat(manifest.path("redirect_url").asText()).endsWith("/setup/callback");
    }

    @Test
    void is_private() {
        assertThat(manifest.path("public").isBoolean()).isTrue();
        assertThat(manifest.path("public").asBoolean()).isFalse();
    }

    @Test
    void asks_for_exactly_the_permissions_clarity_needs() {
        Map<String, String> expected = Map.of(
                "contents", "write",
                "pull_requests", "write",
                "issues", "write",
                "checks", "write",
                "metadata", "read",
                "members", "read");
        Map<String, String> actual = new java.util.HashMap<>();
        manifest.path("default_permissions")
                .fields()
                .forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asText()));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void every_permission_says_which_feature_needs_it() {
        manifest.path("default_permissions")
                .fieldNames()
                .forEachRemaining(permission -> assertThat(lines)
                        .filteredOn(l -> l.trim().startsWith(permission + ":"))
                        .singleElement()
                        .satisfies(l -> assertThat(l).matches(".*#\\s*\\S.{10,}")));
    }

    @Test
    void subscribes_to_the_events_clarity_handles_and_not_to_installation_events() {
        List<String> events = new ArrayList<>();
        manifest.path("default_events").forEach(e -> events.add(e.asText()));
        assertThat(events).containsExactlyInAnyOrder("issue_comment", "push", "pull_request", "check_run");
        assertThat(events).doesNotContain("installation", "installation_repositories");
    }
}
