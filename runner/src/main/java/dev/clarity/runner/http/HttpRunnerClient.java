package dev.clarity.runner.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.api.ErrorSolveRequest;
import dev.clarity.runner.api.FileContent;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.MergeRequest;
import dev.clarity.runner.api.MergeResult;
import dev.clarity.runner.api.MergedRequest;
import dev.clarity.runner.api.MergedResult;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.PrepResult;
import dev.clarity.runner.api.PushRequest;
import dev.clarity.runner.api.PushResult;
import dev.clarity.runner.api.ReadFileRequest;
import dev.clarity.runner.api.ReleaseRequest;
import dev.clarity.runner.api.ReleaseResult;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.api.RunnerHealth;
import dev.clarity.runner.api.RunnerUsage;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.runner.api.WorkspaceState;
import dev.clarity.runner.api.WriteFileRequest;
import dev.clarity.runner.api.WriteFileResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@link Runner} over the HTTP API of a remote {@code clarity runner}. Steps block until the runner answers (a step
 * may take its whole sandbox timeout). A 400 becomes an {@link IllegalArgumentException} naming the field; 401 and
 * 5xx become {@link RunnerException}s. Thread-safe.
 */
public final class HttpRunnerClient implements Runner {
    /** How long {@code GET /healthz} may take before the runner counts as unreachable. */
    public static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration stepTimeout;

    public HttpRunnerClient(URI base, String token, HttpClient http, ObjectMapper json, Duration stepTimeout) {
        this.base = base;
        this.token = token;
        this.http = http;
        this.json = json;
        this.stepTimeout = stepTimeout;
    }

    @Override
    public PrepResult prep(PrepRequest request) {
        return post("/prep", request, PrepResult.class);
    }

    @Override
    public ToolResult implement(ImplementRequest request) {
        return post("/implement", request, ToolResult.class);
    }

    @Override
    public VerifyResult verify(VerifyRequest request) {
        return post("/verify", request, VerifyResult.class);
    }

    @Override
    public ToolResult errorSolve(ErrorSolveRequest request) {
        return post("/error-solve", request, ToolResult.class);
    }

    @Override
    public MergeResult merge(MergeRequest request) {
        return post("/merge", request, MergeResult.class);
    }

    @Override
    public ReleaseResult release(ReleaseRequest request) {
        return post("/release", request, ReleaseResult.class);
    }

    @Override
    public PushResult push(PushRequest request) {
        return post("/push", request, PushResult.class);
    }

    @Override
    public MergedResult merged(MergedRequest request) {
        return post("/merged", request, MergedResult.class);
    }

    @Override
    public FileContent readFile(ReadFileRequest request) {
        return post("/read-file", request, FileContent.class);
    }

    @Override
    public WriteFileResult writeFile(WriteFileRequest request) {
        return post("/write-file", request, WriteFileResult.class);
    }

    @Override
    public dev.clarity.runner.api.StandardCheck standardCheck(String workspaceId) {
        return post("/standard-check", Map.of("workspaceId", workspaceId), dev.clarity.runner.api.StandardCheck.class);
    }

    @Override
    public WorkspaceState workspace(String workspaceId) {
        return post("/workspace", Map.of("workspaceId", workspaceId), WorkspaceState.class);
    }

    /** Answers within {@link #HEALTH_TIMEOUT} (or the step timeout, if shorter): placement asks before each claim. */
    @Override
    public RunnerHealth health() {
        return send(
                HttpRequest.newBuilder(base.resolve("/healthz")).GET(),
                "/healthz",
                RunnerHealth.class,
                stepTimeout.compareTo(HEALTH_TIMEOUT) < 0 ? stepTimeout : HEALTH_TIMEOUT);
    }

    /** Answers within {@link #HEALTH_TIMEOUT} (or the step timeout, if shorter), as {@link #health()}. */
    @Override
    public RunnerUsage usage() {
        return send(
                HttpRequest.newBuilder(base.resolve("/usage")).GET(),
                "/usage",
                RunnerUsage.class,
                stepTimeout.compareTo(HEALTH_TIMEOUT) < 0 ? stepTimeout : HEALTH_TIMEOUT);
    }

    /** Where this client sends its calls. */
    public URI base() {
        return base;
    }

    @Override
    public void cancel(String workspaceId) {
        post("/cancel", Map.of("workspaceId", workspaceId), JsonNode.class);
    }

    private <T> T post(String path, Object body, Class<T> type) {
        try {
            return send(
                    HttpRequest.newBuilder(base.resolve(path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))),
                    path,
                    type,
                    stepTimeout);
        } catch (JsonProcessingException e) {
            throw new RunnerException("encoding the request for " + path, e);
        }
    }

    private <T> T send(HttpRequest.Builder builder, String path, Class<T> type, Duration timeout) {
        HttpRequest request = builder.header("Authorization", "Bearer " + token)
                .timeout(timeout)
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 200) {
                return json.readValue(response.body(), type);
            }
            String error = errorOf(response.body());
            if (status == 400) {
                throw new IllegalArgumentException(error);
            }
            if (status == 401) {
                throw new RunnerException("the runner at " + base
                        + " refused the token (401): CLARITY_RUNNER_TOKEN differs from the runner's");
            }
            throw new RunnerException("runner " + path + " answered " + status + ": " + error);
        } catch (IOException e) {
            throw new RunnerException(
                    "the runner at " + base + " did not answer " + path + " ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunnerException("interrupted while calling the runner at " + base + path, e);
        }
    }

    private String errorOf(String body) {
        try {
            JsonNode node = json.readTree(body);
            String error = node.path("error").asText(body);
            return node.has("field") ? node.get("field").asText() + ": " + error : error;
        } catch (JsonProcessingException e) {
            return body;
        }
    }
}
