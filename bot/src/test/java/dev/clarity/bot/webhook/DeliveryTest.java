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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"t\": \"caf\u00e9 \u20ac \ud83d\ude00\"}",
                "{\"t\": \"\\ud83d\\ude00 and \\u00e9\"}",
                "{\"t\": \"a backslash then u0000: \\\\u0000\"}",
                "{\"t\": \"\\uFFFF \\u0001\"}"
            })
    void text_postgresql_stores_is_read(String body) throws Exception {
        assertThat(Delivery.read("d", "e", body.getBytes(StandardCharsets.UTF_8), Json.mapper())
                        .payload()
                        .path("t")
                        .asText())
                .isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"t\": \"\\u0000\"} | NUL character (\\u0000) at byte 7",
                "{\"\\u0000\": 1} | NUL character",
                "{\"t\": \"\\uDBFF\"} | unpaired surrogate (\\uDBFF) at byte 7",
                "{\"t\": \"\\ud800\\ud800\"} | unpaired surrogate (\\uD800)",
                "{\"t\": \"x\\uDC00\"} | unpaired surrogate (\\uDC00) at byte 8"
            })
    void text_postgresql_refuses_is_refused_naming_the_first_problem(String bodyAndProblem) {
        String[] parts = bodyAndProblem.split(" \\| ");
        assertThatThrownBy(() -> Delivery.read("d", "e", parts[0].getBytes(StandardCharsets.UTF_8), Json.mapper()))
                .isInstanceOf(Delivery.Unstorable.class)
                .hasMessageContaining(parts[1]);
    }
}
