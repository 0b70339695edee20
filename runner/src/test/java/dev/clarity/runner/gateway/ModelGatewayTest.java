package dev.clarity.runner.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.runner.api.ModelUsage;
import dev.clarity.testkit.providers.ReportedUsage;
import dev.clarity.testkit.providers.ScriptedModelServer;
import dev.clarity.testkit.providers.Turn;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelGatewayTest {
    private static final String ANTHROPIC_KEY = "sk-ant-real-key-0123456789";
    private static final String OPENAI_KEY = "sk-proj-real-key-0123456789";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger tokens = new AtomicInteger();
    private ScriptedModelServer models;
    private ModelGateway gateway;

    @BeforeEach
    void start() {
        models = ScriptedModelServer.start();
        String upstream = models.baseUrl().toString();
        gateway = gateway(Map.of(
                "ANTHROPIC_API_KEY", ANTHROPIC_KEY,
                "ANTHROPIC_BASE_URL", upstream,
                "OPENAI_API_KEY", OPENAI_KEY,
                "OPENAI_BASE_URL", upstream + "/v1",
                "OLLAMA_HOST", models.baseUrl().getAuthority()));
    }

    private ModelGateway gateway(Map<String, String> environment) {
        return new ModelGateway(
                new EnvironmentProviderKeys(environment),
                dir.resolve("gw"),
                () -> "step-token-" + tokens.incrementAndGet());
    }

    @AfterEach
    void stop() {
        gateway.close();
        models.close();
    }

    @Test
    void a_request_with_the_step_token_reaches_the_upstream_with_the_real_key_and_never_the_token() throws Exception {
        try (GatewayStep step = gateway.open("ws-1", 0)) {
            HttpResponse<String> answer = post(step, "/anthropic/v1/messages?beta=true", step.token(), messages(false));

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"usage\"");
            var received = models.requests().get(0);
            assertThat(received.path()).isEqualTo("/v1/messages?beta=true");
            assertThat(received.header("x-api-key")).isEqualTo(ANTHROPIC_KEY);
            assertThat(received.headers().toString()).doesNotContain(step.token());
            assertThat(received.header("anthropic-version")).isEqualTo("2023-06-01");
        }
    }

    @Test
    void the_environment_a_tool_gets_points_at_the_gateway_and_holds_no_provider_key() {
        try (GatewayStep step = gateway.open("ws-1", 0)) {
            Map<String, String> env = step.environment(4180);

            assertThat(env)
                    .containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:4180/anthropic")
                    .containsEntry("OPENAI_BASE_URL", "http://127.0.0.1:4180/openai/v1")
                    .containsEntry("OPENAI_API_BASE", "http://127.0.0.1:4180/openai/v1")
                    .containsEntry("OLLAMA_HOST", "http://127.0.0.1:4180")
                    .containsEntry("ANTHROPIC_API_KEY", step.token())
                    .containsEntry("OPENAI_API_KEY", step.token());
            assertThat(env.values().toString()).doesNotContain(ANTHROPIC_KEY).doesNotContain(OPENAI_KEY);
        }
    }

    @Test
    void a_request_without_this_steps_token_is_refused_and_never_forwarded() throws Exception {
        try (GatewayStep one = gateway.open("ws-1", 0);
                GatewayStep other = gateway.open("ws-2", 0)) {
            HttpResponse<String> none = post(one, "/anthropic/v1/messages", null, messages(false));
            HttpResponse<String> foreign = post(one, "/anthropic/v1/messages", other.token(), messages(false));
            HttpResponse<String> realKey = post(one, "/openai/v1/chat/completions", OPENAI_KEY, "{}");

            assertThat(List.of(none.statusCode(), foreign.statusCode(), realKey.statusCode()))
                    .containsOnly(401);
            assertThat(none.body()).contains("authentication_error").contains("token");
            // its body unread, the refused request's connection ends with the answer and says so
            assertThat(none.headers().firstValue("connection")).hasValue("close");
            assertThat(models.requests()).isEmpty();
        }
    }

    @Test
    void a_path_that_leads_to_no_provider_is_refused() throws Exception {
        try (GatewayStep step = gateway.open("ws-1", 0)) {
            HttpResponse<String> answer = post(step, "/v1/messages", step.token(), messages(false));

            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.body()).contains("/anthropic/");
            assertThat(models.requests()).isEmpty();
        }
    }

    @Test
    void a_method_model_apis_do_not_use_is_answered_405_naming_the_methods_and_never_forwarded() throws Exception {
        try (GatewayStep step = gateway.open("ws-1", 0)) {
            for (String method : List.of("PATCH", "PUT", "OPTIONS", "TRACE", "PROPFIND")) {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + step.hostPort() + "/anthropic/v1/messages"))
                                .header("x-api-key", step.token())
                                .method(method, HttpRequest.BodyPublishers.ofString(messages(false)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(answer.statusCode()).as(method).isEqualTo(405);
                assertThat(answer.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD, POST, DELETE");
                assertThat(answer.body())
                        .as(method)
                        .contains("invalid_request_error")
                        .contains(method)
                        .contains("GET, HEAD, POST and DELETE");
            }
            assertThat(models.requests()).isEmpty();
        }
    }

    @Test
    void get_and_delete_are_forwarded_as_model_apis_use_them() throws Exception {
        try (GatewayStep step = gateway.open("ws-1", 0)) {
            for (String method : List.of("GET", "DELETE")) {
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + step.hostPort() + "/anthropic/v1/models"))
                                .header("x-api-key", step.token())
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            }

            assertThat(models.requests())
                    .extracting(r -> r.method() + " " + r.path())
                    .containsExactly("GET /v1/models", "DELETE /v1/models");
        }
    }

    @Test
    void without_a_key_in_claritys_environment_the_request_is_refused_naming_the_variable() throws Exception {
        ModelGateway keyless =
                gateway(Map.of("ANTHROPIC_BASE_URL", models.baseUrl().toString()));
        try (GatewayStep step = keyless.open("ws-1", 0)) {
            HttpResponse<String> answer = post(step, "/anthropic/v1/messages", step.token(), messages(false));

            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.body()).contains("ANTHROPIC_API_KEY");
            assertThat(models.requests()).isEmpty();
        }
    }

    @Test
    void a_streamed_answer_passes_through_event_by_event_before_the_upstream_ends_it() throws Exception {
        models.holdStreams();
        try (GatewayStep step = gateway.open("ws-1", 0)) {
            HttpResponse<InputStream> answer = http.send(
                    request(step, "/anthropic/v1/messages", step.token(), messages(true)),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).isEqualTo("event: message_start");
                assertThat(lines.readLine()).startsWith("data: ").contains("\"input_tokens\"");
                models.release();
                assertThat(lines.lines().toList()).contains("event: message_stop");
            }
        }
    }

    @Test
    void a_responses_stream_passes_through_as_it_comes_and_its_completed_usage_is_counted() throws Exception {
        models.answer(
                Turn.command("printf hi > a.txt").withUsage(3100, 140),
                Turn.text("I wrote a.txt.").withUsage(3300, 25));
        models.holdStreams();
        try (GatewayStep step = gateway.open("ws-1", 0)) {
            HttpResponse<InputStream> answer = http.send(
                    request(step, "/openai/v1/responses", step.token(), responses("hi")),
                    HttpResponse.BodyHandlers.ofInputStream());
            List<String> rest;
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).isEqualTo("event: response.created");
                assertThat(lines.readLine()).startsWith("data: ").contains("\"in_progress\"");
                models.release();
                rest = lines.lines().toList();
            }
            assertThat(answer.headers().firstValue("content-type")).hasValue("text/event-stream");
            assertThat(rest)
                    .contains("event: response.output_item.added", "event: response.output_item.done")
                    .anySatisfy(line -> assertThat(line)
                            .contains("\"type\":\"function_call\"")
                            .contains("\"name\":\"exec_command\"")
                            .contains("\"arguments\":\"{\\\"cmd\\\":\\\"printf hi > a.txt\\\"}\""))
                    .contains("event: response.completed");
            HttpResponse<String> second = post(
                    step,
                    "/openai/v1/responses",
                    step.token(),
                    responses("{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"\"}"));
            assertThat(second.body()).contains("\"type\":\"message\"").contains("I wrote a.txt.");

            assertThat(step.usage())
                    .containsExactly(
                            new ModelUsage("openai", "gpt-5-codex", 3100, 140),
                            new ModelUsage("openai", "gpt-5-codex", 3300, 25));
            assertThat(models.requests())
                    .allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + OPENAI_KEY));
        }
    }

    @Test
    void usage_is_counted_exactly_as_each_provider_reported_it_streamed_or_not() throws Exception {
        models.answer(
                Turn.write("/w/a.txt", "a").withUsage(1500, 40),
                Turn.text("fine").withUsage(2100, 17),
                Turn.text("chat").withUsage(300, 12),
                Turn.text("chat streamed").withUsage(310, 13),
                Turn.text("ollama").withUsage(90, 9),
                Turn.text("ollama streamed").withUsage(91, 10));
        try (GatewayStep step = gateway.open("ws-1", 0)) {
            post(step, "/anthropic/v1/messages", step.token(), messages(true));
            post(step, "/anthropic/v1/messages", step.token(), messages(false));
            post(step, "/openai/v1/chat/completions", step.token(), chat(false));
            post(step, "/openai/v1/chat/completions", step.token(), chat(true));
            post(step, "/api/chat", null, "{\"model\":\"qwen\",\"stream\":false,\"messages\":[]}");
            post(step, "/api/generate", null, "{\"model\":\"qwen\",\"prompt\":\"hi\"}");

            List<ModelUsage> expected = models.reported().stream()
                    .map(r -> new ModelUsage(r.api(), r.model(), r.inputTokens(), r.outputTokens()))
                    .toList();
            assertThat(expected).hasSize(6);
            assertThat(step.usage()).containsExactlyElementsOf(expected);
            assertThat(models.reported())
                    .extracting(ReportedUsage::inputTokens)
                    .containsExactly(1500L, 2100L, 300L, 310L, 90L, 91L);
        }
    }

    @Test
    void once_the_steps_token_limit_is_crossed_further_requests_are_refused_with_the_budget_named() throws Exception {
        models.answer(Turn.text("one").withUsage(900, 150), Turn.text("two"));
        try (GatewayStep step = gateway.open("ws-1", 1000)) {
            HttpResponse<String> first = post(step, "/anthropic/v1/messages", step.token(), messages(true));
            HttpResponse<String> second = post(step, "/anthropic/v1/messages", step.token(), messages(true));

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(403);
            assertThat(second.body())
                    .contains("budget_exceeded")
                    .contains("1000 tokens")
                    .contains("1050");
            assertThat(models.requests()).hasSize(1);
            assertThat(step.budgetCrossed()).isTrue();
            assertThat(step.budgetReason()).contains("token budget of 1000 tokens");
        }
    }

    @Test
    void a_step_under_its_limit_has_not_crossed_it() throws Exception {
        try (GatewayStep step = gateway.open("ws-1", 100_000)) {
            post(step, "/anthropic/v1/messages", step.token(), messages(true));

            assertThat(step.budgetCrossed()).isFalse();
            assertThat(step.usage()).hasSize(1);
        }
    }

    @Test
    void the_unix_socket_of_a_step_carries_its_requests_and_disappears_when_the_step_ends() throws Exception {
        GatewayStep step = gateway.open("ws-1", 0);
        Path socket = step.socket();
        String body = messages(false);
        String raw = "POST /anthropic/v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: " + step.token()
                + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        String answer;
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(raw.getBytes(StandardCharsets.UTF_8)));
            answer = new String(read(channel), StandardCharsets.UTF_8);
        }
        step.close();

        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"input_tokens\"");
        assertThat(Files.getPosixFilePermissions(dir.resolve("gw")).toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE, OWNER_EXECUTE]");
        assertThat(socket).doesNotExist();
    }

    private static byte[] read(SocketChannel channel) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer) >= 0) {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return out.toByteArray();
    }

    private HttpResponse<String> post(GatewayStep step, String path, String key, String body) throws Exception {
        return http.send(request(step, path, key, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(GatewayStep step, String path, String key, String body) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + step.hostPort() + path))
                .header("Content-Type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            builder.header(
                    path.startsWith("/anthropic") ? "x-api-key" : "Authorization",
                    path.startsWith("/anthropic") ? key : "Bearer " + key);
        }
        return builder.build();
    }

    private static String messages(boolean stream) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":" + stream
                + ",\"tools\":[{\"name\":\"Write\"}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    /** A streamed Responses API request as codex sends it, offering its {@code exec_command} tool. */
    private static String responses(String input) {
        String item = input.startsWith("{") ? input : "{\"role\":\"user\",\"content\":\"" + input + "\"}";
        return "{\"model\":\"gpt-5-codex\",\"stream\":true,\"tools\":[{\"type\":\"function\",\"name\":"
                + "\"exec_command\"}],\"input\":[" + item + "]}";
    }

    private static String chat(boolean stream) {
        return "{\"model\":\"gpt-5\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }
}
