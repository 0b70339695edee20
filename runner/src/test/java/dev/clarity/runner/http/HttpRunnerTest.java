package dev.clarity.runner.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.runner.local.RunnerContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpRunnerTest extends RunnerContract {
    private static final String TOKEN = "runner-token-0123456789";
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final HttpClient http = HttpClient.newHttpClient();
    private RunnerHttpServer server;
    private Runner client;

    @Override
    protected Runner runner() {
        if (client == null) {
            server = RunnerHttpServer.start(local(), TOKEN, "127.0.0.1", 0, json);
            client = new HttpRunnerClient(base(), TOKEN, http, json, Duration.ofMinutes(5));
        }
        return client;
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        var builder = HttpRequest.newBuilder(base().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tool_results_keep_their_usage_and_a_crossed_budget_on_the_wire_and_requests_their_token_limit()
            throws Exception {
        var usage = List.of(new dev.clarity.runner.api.ModelUsage("anthropic", "claude-sonnet-4-5", 1200, 80));
        ToolResult over = new ToolResult.BudgetExceeded(
                "claude",
                "the step's token budget of 1000 tokens was used up",
                1000,
                "d",
                List.of("l"),
                List.of(),
                usage);
        ToolResult changed = new ToolResult.Changed("claude", "d", List.of(), List.of(), usage);

        String wire = json.writeValueAsString(over);
        assertThat(wire).contains("\"outcome\":\"budget-exceeded\"").contains("\"inputTokens\":1200");
        assertThat(json.readValue(wire, ToolResult.class)).isEqualTo(over);
        assertThat(json.readValue(json.writeValueAsString(changed), ToolResult.class))
                .isEqualTo(changed);
        assertThat(json.readValue(
                                "{\"outcome\":\"changed\",\"tool\":\"aider\",\"diff\":\"\",\"logs\":[],"
                                        + "\"artifacts\":[]}",
                                ToolResult.class)
                        .usage())
                .isEmpty();
        var request = new dev.clarity.runner.api.ImplementRequest(
                "ws", "1.1", "t", null, "claude", List.of(), List.of(), "k", 5000);
        assertThat(json.readValue(json.writeValueAsString(request), dev.clarity.runner.api.ImplementRequest.class))
                .isEqualTo(request);
    }

    @Test
    void the_server_refuses_to_start_with_a_token_shorter_than_16_characters() {
        assertThatThrownBy(() -> RunnerHttpServer.start(local(), "x", "127.0.0.1", 0, json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CLARITY_RUNNER_TOKEN is too short (1 characters, at least 16 are needed) for the runner's"
                        + " HTTP API");
        assertThatThrownBy(() -> RunnerHttpServer.start(local(), "0123456789abcde", "127.0.0.1", 0, json))
                .hasMessageStartingWith("CLARITY_RUNNER_TOKEN is too short (15 characters");
    }

    @Test
    void calls_without_the_right_bearer_token_get_401() throws Exception {
        runner();
        assertThat(post("/prep", null, "{}").statusCode()).isEqualTo(401);
        assertThat(post("/prep", "wrong", "{}").statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> new HttpRunnerClient(base(), "wrong", http, json, Duration.ofSeconds(10))
                        .merge(new dev.clarity.runner.api.MergeRequest("ex", "1", "b", "m", "k")))
                .isInstanceOf(RunnerException.class)
                .hasMessageContaining("401");
    }

    @Test
    void malformed_bodies_get_400_naming_the_field() throws Exception {
        runner();
        var missing = post("/merge", TOKEN, "{\"branch\":\"b\",\"message\":\"m\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json.readTree(missing.body()).get("field").asText()).isEqualTo("workspaceId");
        var wrongType = post(
                "/error-solve",
                TOKEN,
                "{\"workspaceId\":\"w\",\"taskId\":\"1\",\"taskTitle\":\"t\",\"attempt\":\"soon\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json.readTree(wrongType.body()).get("field").asText()).isEqualTo("attempt");
        var notJson = post("/verify", TOKEN, "{nope");
        assertThat(notJson.statusCode()).isEqualTo(400);
        var badId = post("/merge", TOKEN, "{\"workspaceId\":\"../x\",\"branch\":\"b\",\"message\":\"m\"}");
        assertThat(badId.statusCode()).isEqualTo(400);
    }

    @Test
    void file_calls_need_the_token_and_answer_400_naming_a_path_that_leaves_the_workspace() throws Exception {
        runner();
        assertThat(post("/read-file", null, "{\"workspaceId\":\"ex-30\",\"path\":\"tasks_list.md\"}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(post("/write-file", "wrong", "{}").statusCode()).isEqualTo(401);
        assertThat(post("/workspace", null, "{\"workspaceId\":\"ex-30\"}").statusCode())
                .isEqualTo(401);

        var escaping = post("/read-file", TOKEN, "{\"workspaceId\":\"ex-30\",\"path\":\"../../etc/passwd\"}");
        assertThat(escaping.statusCode()).isEqualTo(400);
        assertThat(json.readTree(escaping.body()).get("error").asText()).contains("../../etc/passwd");
        var absolute = post(
                "/write-file",
                TOKEN,
                "{\"workspaceId\":\"ex-30\",\"path\":\"/tmp/x\",\"content\":\"eA==\",\"idempotencyKey\":\"k\"}");
        assertThat(absolute.statusCode()).isEqualTo(400);
        assertThat(json.readTree(absolute.body()).get("error").asText()).contains("/tmp/x");
        var noContent = post("/write-file", TOKEN, "{\"workspaceId\":\"ex-30\",\"path\":\"a.md\"}");
        assertThat(noContent.statusCode()).isEqualTo(400);
        assertThat(json.readTree(noContent.body()).get("error").asText()).contains("content is required");

        var missing = post("/read-file", TOKEN, "{\"workspaceId\":\"ex-30\",\"path\":\"tasks_list.md\"}");
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(json.readTree(missing.body()).get("found").asBoolean()).isFalse();
        var state = post("/workspace", TOKEN, "{\"workspaceId\":\"ex-30\"}");
        assertThat(json.readTree(state.body()).get("exists").asBoolean()).isFalse();
    }

    @Test
    void a_steps_result_carries_its_case_as_the_outcome_field() throws Exception {
        runner();
        var prepared = post(
                "/prep",
                TOKEN,
                json.writeValueAsString(new dev.clarity.runner.api.PrepRequest(
                        url, "ex-31", "1.1", "main", "task/1.1-add-feature", "p1", credentials)));
        assertThat(prepared.statusCode()).isEqualTo(200);
        var body = json.readTree(prepared.body());
        assertThat(body.get("outcome").asText()).isEqualTo("ready");
        assertThat(body.get("branch").asText()).isEqualTo("task/1.1-add-feature");
        assertThat(body.get("ok").asBoolean())
                .as("the fields before outcome stay")
                .isTrue();
        var missing = post(
                "/prep",
                TOKEN,
                json.writeValueAsString(new dev.clarity.runner.api.PrepRequest(
                        url, "ex-31", "1.1", "nowhere", "task/x", "p2", credentials)));
        assertThat(json.readTree(missing.body()).get("outcome").asText()).isEqualTo("base-missing");
        assertThat(json.readTree(missing.body()).get("ok").asBoolean()).isFalse();
        var verified = post(
                "/verify",
                TOKEN,
                "{\"workspaceId\":\"ex-31\",\"taskId\":\"1.1\",\"criteria\":[{\"key\":\"test.grep\",\"kind\":\"test\","
                        + "\"check\":\"cmd\",\"args\":[\"grep\",\"-q\",\"shop\",\"README.md\"]}],\"idempotencyKey\":\"v1\"}");
        assertThat(json.readTree(verified.body()).get("outcome").asText())
                .as(verified.body())
                .isEqualTo("passed");
        assertThat(json.readTree(verified.body()).get("ok").asBoolean()).isTrue();
        assertThat(json.readTree(verified.body()).get("failed").isArray()).isTrue();
    }

    @Test
    void healthz_answers_without_a_token() throws Exception {
        runner();
        var response = http.send(
                HttpRequest.newBuilder(base().resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("engine").asText()).isEqualTo("bubblewrap");
    }
}
