package dev.clarity.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.clarity.bot.app.Json;
import dev.clarity.testkit.github.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming read of a delivery agrees with the payload's tree on every recorded payload, and refuses bad JSON. */
class DeliveryTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "check_run.rerequested.json",
                "installation.created.json",
                "installation_repositories.added.json",
                "issue_comment.created.json",
                "issue_comment.created.with-installation.json",
                "issue_comment.edited.json",
                "ping.json",
                "ping.with-app_id.json",
                "pull_request.closed.json",
                "push.json",
                "push.with-installation.json",
                "push.with-new-branch.json"
            })
    void the_fields_read_in_one_pass_are_those_of_the_tree(String fixture) throws Exception {
        byte[] body = Fixtures.webhook(fixture);
        Delivery read = Delivery.read("d-1", "event", body, Json.mapper());
        JsonNode tree = Json.mapper().readTree(body);
        Delivery fromTree = Delivery.of(
                "d-1",
                "event",
                tree.path("action").isTextual()
                        ? Optional.of(tree.path("action").asText())
                        : Optional.empty(),
                tree);
        assertThat(read.action()).isEqualTo(fromTree.action());
        assertThat(read.installationId()).isEqualTo(fromTree.installationId());
        assertThat(read.repository()).isEqualTo(fromTree.repository());
        assertThat(read.commentBody()).isEqualTo(fromTree.commentBody());
        assertThat(read.payload()).isEqualTo(tree);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"action\": \"created\"", "{\"a\": [1, 2}", "{} {}", "{\"a\": tru}", "nul", "{\"a\":1,}"})
    void malformed_json_is_refused(String body) {
        assertThatThrownBy(() -> Delivery.read("d", "e", body.getBytes(StandardCharsets.UTF_8), Json.mapper()))
                .isInstanceOf(JacksonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"text\"", "42", "null", ""})
    void json_that_is_not_an_object_is_refused_as_such(String body) {
        assertThatThrownBy(() -> Delivery.read("d", "e", body.getBytes(StandardCharsets.UTF_8), Json.mapper()))
                .isInstanceOf(Delivery.NotAnObject.class)
                .hasMessage("the body is not a JSON object");
    }
}
