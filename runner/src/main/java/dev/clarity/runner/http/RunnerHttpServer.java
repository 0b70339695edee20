package dev.clarity.runner.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.api.ErrorSolveRequest;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.MergeRequest;
import dev.clarity.runner.api.MergedRequest;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.PushRequest;
import dev.clarity.runner.api.ReadFileRequest;
import dev.clarity.runner.api.ReleaseRequest;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.WriteFileRequest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link Runner} over HTTP: every route but {@code GET /healthz} needs
 * {@code Authorization: Bearer <token>}, compared in constant time (401 otherwise); a malformed body gets 400 with
 * the field that is wrong; infrastructure failures are 500 with a sentence. A step's answer names its case in the
 * field {@code outcome} (see the result types of {@code dev.clarity.runner.api}). {@code POST /cancel {workspaceId}} is
 * the emergency stop. The workspace file calls (ADR 0007): {@code POST /read-file {workspaceId, path, revision}} →
 * {@code {found, content}} ({@code revision} left out for the work tree, {@code "base"} for the item's base
 * commit), {@code POST /write-file {workspaceId, path, content, idempotencyKey}} →
 * {@code {ok, path, bytes}} and {@code POST /workspace {workspaceId}} → {@code {workspaceId, exists}}; content is
 * base64, and a path that leaves the workspace is a 400 naming it. {@code POST /standard-check {workspaceId}} →
 * the {@link dev.clarity.runner.api.StandardCheck} VERIFY would run, with its case as {@code outcome}. Slow and
 * oversized clients are cut off by {@link ServerLimits} (a body over the limit gets 413).
 */
public final class RunnerHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunnerHttpServer.class);

    private final Javalin app;

    private RunnerHttpServer(Javalin app) {
        this.app = app;
    }

    /** The shortest token the server accepts (the bot's configuration asks for the same). */
    public static final int MIN_TOKEN_LENGTH = 16;

    /**
     * Starts serving on {@code host:port}.
     *
     * @throws IllegalArgumentException when {@code token} is missing or shorter than {@value #MIN_TOKEN_LENGTH}
     *     characters: a short token can be guessed, and every route but {@code /healthz} runs steps with it
     */
    public static RunnerHttpServer start(Runner runner, String token, String host, int port, ObjectMapper json) {
        return start(runner, token, host, port, json, ServerLimits.defaults());
    }

    /**
     * Starts serving on {@code host:port} with {@code limits} on slow and oversized clients.
     *
     * @throws IllegalArgumentException when {@code token} is missing or too short (see above)
     */
    public static RunnerHttpServer start(
            Runner runner, String token, String host, int port, ObjectMapper json, ServerLimits limits) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("CLARITY_RUNNER_TOKEN must be set for the runner's HTTP API");
        }
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("CLARITY_RUNNER_TOKEN is too short (" + token.length()
                    + " characters, at least " + MIN_TOKEN_LENGTH + " are needed) for the runner's HTTP API");
        }
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        RequestReader reader = new RequestReader(json);
        Javalin app = Javalin.create(config -> {
            limits.applyTo(config, host, port);
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.routes.before(ctx -> {
                if (!ctx.path().equals("/healthz") && !authorized(ctx, expected)) {
                    ctx.status(401).json(Map.of("error", "a valid bearer token is required"));
                    ctx.skipRemainingHandlers();
                }
            });
            config.routes.get("/healthz", ctx -> ctx.json(runner.health()));
            config.routes.get("/usage", ctx -> ctx.json(runner.usage()));
            config.routes.post(
                    "/prep",
                    ctx -> ctx.json(runner.prep(reader.read(
                            ctx.body(),
                            PrepRequest.class,
                            List.of("repoUrl", "workspaceId", "baseBranch", "branch"),
                            List.of()))));
            config.routes.post(
                    "/implement",
                    ctx -> ctx.json(runner.implement(reader.read(
                            ctx.body(),
                            ImplementRequest.class,
                            List.of("workspaceId", "taskId", "taskTitle"),
                            List.of("criteria", "promptHints")))));
            config.routes.post(
                    "/verify",
                    ctx -> ctx.json(runner.verify(reader.read(
                            ctx.body(), VerifyRequest.class, List.of("workspaceId", "taskId"), List.of("criteria")))));
            config.routes.post(
                    "/error-solve",
                    ctx -> ctx.json(runner.errorSolve(reader.read(
                            ctx.body(),
                            ErrorSolveRequest.class,
                            List.of("workspaceId", "taskId", "taskTitle", "attempt"),
                            List.of("failures")))));
            config.routes.post(
                    "/merge",
                    ctx -> ctx.json(runner.merge(reader.read(
                            ctx.body(), MergeRequest.class, List.of("workspaceId", "branch", "message"), List.of()))));
            config.routes.post(
                    "/release",
                    ctx -> ctx.json(runner.release(reader.read(
                            ctx.body(), ReleaseRequest.class, List.of("workspaceId", "taskId"), List.of()))));
            config.routes.post(
                    "/push",
                    ctx -> ctx.json(runner.push(reader.read(
                            ctx.body(), PushRequest.class, List.of("workspaceId", "repoUrl", "branch"), List.of()))));
            config.routes.post(
                    "/merged",
                    ctx -> ctx.json(runner.merged(reader.read(
                            ctx.body(),
                            MergedRequest.class,
                            List.of("workspaceId", "repoUrl", "branch", "target"),
                            List.of()))));
            config.routes.post("/read-file", ctx -> {
                ReadFileRequest read =
                        reader.read(ctx.body(), ReadFileRequest.class, List.of("workspaceId", "path"), List.of());
                try {
                    read.atBase();
                } catch (IllegalArgumentException e) {
                    throw new BadRequest("revision", e.getMessage());
                }
                ctx.json(runner.readFile(read));
            });
            config.routes.post(
                    "/write-file",
                    ctx -> ctx.json(runner.writeFile(reader.read(
                            ctx.body(),
                            WriteFileRequest.class,
                            // content is checked by the runner: "" (an empty file) is content, not a missing field
                            List.of("workspaceId", "path"),
                            List.of()))));
            config.routes.post("/standard-check", ctx -> {
                WorkspaceRequest asked =
                        reader.read(ctx.body(), WorkspaceRequest.class, List.of("workspaceId"), List.of());
                ctx.json(runner.standardCheck(asked.workspaceId()));
            });
            config.routes.post("/workspace", ctx -> {
                WorkspaceRequest asked =
                        reader.read(ctx.body(), WorkspaceRequest.class, List.of("workspaceId"), List.of());
                ctx.json(runner.workspace(asked.workspaceId()));
            });
            config.routes.post("/cancel", ctx -> {
                CancelRequest cancel = reader.read(ctx.body(), CancelRequest.class, List.of("workspaceId"), List.of());
                runner.cancel(cancel.workspaceId());
                ctx.json(Map.of("ok", true));
            });
            config.routes.exception(
                    BadRequest.class,
                    (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage(), "field", e.field())));
            config.routes.exception(
                    IllegalArgumentException.class,
                    (e, ctx) ->
                            ctx.status(400).json(Map.of("error", String.valueOf(e.getMessage()), "field", "(body)")));
            // a body of undeclared length that passes the limit fails its reading in Jetty's SizeLimitHandler
            config.routes.exception(
                    HttpException.RuntimeException.class,
                    (e, ctx) -> ctx.status(e.getCode())
                            .json(Map.of(
                                    "error",
                                    e.getCode() == 413
                                            ? "the request body is larger than the runner takes ("
                                                    + limits.maxRequestBytes() + " bytes)"
                                            : String.valueOf(e.getReason()),
                                    "field",
                                    "(body)")));
            config.routes.exception(RunnerException.class, (e, ctx) -> {
                log.warn("Runner step ended in an infrastructure failure: {}", e.getMessage());
                ctx.status(500).json(Map.of("error", e.getMessage()));
            });
        });
        app.start();
        return new RunnerHttpServer(app);
    }

    private static boolean authorized(Context ctx, byte[] expected) {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8), expected);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** {@code POST /cancel}. */
    record CancelRequest(String workspaceId) {}

    /** {@code POST /workspace}. */
    record WorkspaceRequest(String workspaceId) {}
}
