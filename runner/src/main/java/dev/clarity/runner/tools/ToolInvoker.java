package dev.clarity.runner.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.artifacts.Artifacts;
import dev.clarity.runner.config.ToolConfig;
import dev.clarity.runner.gateway.GatewayStep;
import dev.clarity.runner.gateway.ModelGateway;
import dev.clarity.runner.policy.CommandDecision;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.OutputLine;
import dev.clarity.runner.sandbox.Sandbox;
import dev.clarity.runner.sandbox.SandboxResult;
import dev.clarity.runner.sandbox.SandboxStep;
import dev.clarity.vocabulary.Tool;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs one AI tool in the sandbox: writes the prompt file, checks the command against the policy, asks
 * the tool for its version, runs it in the workspace with the {@code CLARITY_*} variables, redacts every line, and
 * records tool, version, prompt, redacted output and duration under
 * {@code artifacts/<taskId>/}. The ollama tool is no process: the runner asks the model through the step's gateway
 * endpoint and applies its answer ({@link OllamaStep}, ADR 0037). Thread-safe; one call per workspace at a time.
 */
public final class ToolInvoker {
    static final int LOG_TAIL = 200;
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
    /** A fresh directory per step: {@code /tmp} is a fresh tmpfs in both sandboxes. */
    static final String STEP_HOME = "/tmp/home";

    private final Sandbox sandbox;
    private final CommandPolicy policy;
    private final Map<String, String> baseEnvironment;
    private final Optional<ModelGateway> gateway;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OllamaStep ollama;
    /** The endpoints of the steps under way, by workspace id, to stop them early (see {@link #cancel}). */
    private final ConcurrentMap<String, Stoppable> live = new ConcurrentHashMap<>();

    /** {@code baseEnvironment} is what every step gets (PATH, HOME, …); the policy filters it again. */
    public ToolInvoker(Sandbox sandbox, CommandPolicy policy, Map<String, String> baseEnvironment) {
        this(sandbox, policy, baseEnvironment, Optional.empty());
    }

    /**
     * With a {@code gateway}, every tool step gets its own gateway endpoint and reaches it and nothing else: base
     * URLs and a step token in its environment (never a provider key), {@code HOME} a fresh directory; its usage
     * comes back in {@link ToolRun#usage()}. Without one, the step has no network at all.
     */
    public ToolInvoker(
            Sandbox sandbox,
            CommandPolicy policy,
            Map<String, String> baseEnvironment,
            Optional<ModelGateway> gateway) {
        this(sandbox, policy, baseEnvironment, gateway, InstantSource.system());
    }

    /** As above; {@code clock} times the ollama tool, which the runner runs itself (ADR 0037). */
    public ToolInvoker(
            Sandbox sandbox,
            CommandPolicy policy,
            Map<String, String> baseEnvironment,
            Optional<ModelGateway> gateway,
            InstantSource clock) {
        this.sandbox = sandbox;
        this.policy = policy;
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.gateway = gateway;
        this.ollama = new OllamaStep(
                new OllamaChat(HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build()),
                clock);
    }

    public ToolRun run(ToolCall call, Redactor redactor) {
        if (gateway.isEmpty()) {
            return run(call, redactor, null, () -> OllamaStep.Stop.NONE);
        }
        try (GatewayStep endpoint = gateway.get().open(call.workspaceId(), call.maxTokens())) {
            Stoppable stoppable = new Stoppable(endpoint);
            live.put(call.workspaceId(), stoppable);
            // the sandbox ends a tool process at its timeout; the ollama step has none, so its endpoint is closed
            CompletableFuture<Void> deadline = CompletableFuture.runAsync(
                    () -> stoppable.stop(OllamaStep.Stop.TIMED_OUT),
                    CompletableFuture.delayedExecutor(call.timeout().toMillis(), TimeUnit.MILLISECONDS));
            try {
                return run(call, redactor.with(List.of(endpoint.token())), endpoint, stoppable::reason);
            } finally {
                deadline.cancel(false);
                live.remove(call.workspaceId(), stoppable);
            }
        }
    }

    /**
     * Stops the tool step under way in {@code workspaceId}, if any, by closing its gateway endpoint: its model
     * requests fail at once (the ollama step, which has no process, ends as cancelled). The sandbox process is
     * ended by {@link Sandbox#cancel}, which the caller calls too. Thread-safe.
     */
    public void cancel(String workspaceId) {
        Stoppable stoppable = live.get(workspaceId);
        if (stoppable != null) {
            stoppable.stop(OllamaStep.Stop.CANCELLED);
        }
    }

    /** A step's endpoint and why it was stopped early (the first reason wins). */
    private static final class Stoppable {
        private final GatewayStep endpoint;
        private final AtomicReference<OllamaStep.Stop> reason = new AtomicReference<>(OllamaStep.Stop.NONE);

        Stoppable(GatewayStep endpoint) {
            this.endpoint = endpoint;
        }

        void stop(OllamaStep.Stop why) {
            reason.compareAndSet(OllamaStep.Stop.NONE, why);
            endpoint.close();
        }

        OllamaStep.Stop reason() {
            return reason.get();
        }
    }

    private ToolRun run(ToolCall call, Redactor redactor, GatewayStep endpoint, Supplier<OllamaStep.Stop> stop) {
        Artifacts artifacts = new Artifacts(call.workspace(), call.taskId());
        String step = call.attempt() == 0 ? "implement" : "error-solve-" + call.attempt();
        List<String> written = new ArrayList<>();
        String promptName = step + "-prompt.md";
        written.add(artifacts.write(promptName, redactor.redact(call.prompt())));
        String promptFile = artifacts.absolute(promptName).toAbsolutePath().toString();
        if (call.tool().equals(Tool.OLLAMA.spelling())) {
            return ollama.run(call, redactor, endpoint, stop, artifacts, step, written);
        }

        ToolConfig config = call.config().tools().of(call.tool());
        Map<String, String> gatewayEnv =
                endpoint == null ? Map.of() : endpoint.environment(sandbox.gatewayPort(endpoint.hostPort()));
        List<String> argv = ToolCommand.argv(
                call.tool(), config, promptFile, call.prompt(), call.files(), gatewayEnv.get("OPENAI_BASE_URL"));
        CommandPolicy stepPolicy = policy.withCommands(call.config().commands()).withCommands(List.of(argv.get(0)));
        if (stepPolicy.check(argv) instanceof CommandDecision.Refused refused) {
            return new ToolRun(
                    call.tool(),
                    "",
                    ToolRun.Ending.REFUSED,
                    refused.reason(),
                    Duration.ZERO,
                    List.of(refused.reason()),
                    written);
        }

        Map<String, String> env = new LinkedHashMap<>(baseEnvironment);
        env.put("CLARITY_TASK_ID", call.taskId());
        env.put("CLARITY_TASK_TITLE", call.taskTitle());
        env.put("CLARITY_PROMPT_FILE", promptFile);
        env.put("CLARITY_ATTEMPT", Integer.toString(call.attempt()));
        Map<String, String> allowed = stepPolicy.environment(env);
        // the tool reaches its gateway and nothing else (sandbox.network is for checks.setup, not for tools)
        Map<String, String> toolEnv = new LinkedHashMap<>(allowed);
        toolEnv.putAll(ToolCommand.environment(call.tool()));
        if (endpoint != null) {
            toolEnv.put("HOME", STEP_HOME);
            toolEnv.putAll(gatewayEnv);
        }
        SandboxStep toolStep = new SandboxStep(
                argv,
                call.workspace(),
                toolEnv,
                call.timeout(),
                false,
                call.workspaceId(),
                endpoint == null ? null : endpoint.socket(),
                call.resources(),
                List.of());
        var unstartable = sandbox.unstartable(toolStep);
        if (unstartable.isPresent()) {
            String why = missing(call.tool(), redactor.redact(unstartable.get()));
            return new ToolRun(
                    call.tool(), "unknown", ToolRun.Ending.MISSING, why, Duration.ZERO, List.of(why), written);
        }

        // a configured agent script may not understand --version (and could start working): it is not asked
        String version = call.tool().equals(Tool.COMMAND.spelling()) ? "n/a" : version(call, config, allowed, redactor);

        Redactor.LineFilter filter = redactor.lines();
        List<String> output = new CopyOnWriteArrayList<>();
        StringBuilder stdout = new StringBuilder();
        // a crossed budget stops the tool at once (the sandbox kills every step of the workspace, and this is the
        // only one running); once the tool step ended, a late answer's crossing stops nothing
        AtomicBoolean toolRunning = new AtomicBoolean(true);
        if (endpoint != null) {
            endpoint.whenBudgetCrossed(() -> {
                if (toolRunning.get()) {
                    sandbox.cancel(call.workspaceId());
                }
            });
        }
        SandboxResult result;
        try {
            result = sandbox.run(toolStep, line -> {
                synchronized (filter) {
                    output.add((line.stream() == OutputLine.Stream.STDERR ? "! " : "") + filter.apply(line.text()));
                    if (line.stream() == OutputLine.Stream.STDOUT) {
                        stdout.append(line.text()).append('\n');
                    }
                }
            });
        } finally {
            toolRunning.set(false);
        }
        boolean ok = result.succeeded();
        ToolRun.Ending ending = switch (result.ending()) {
            case EXITED -> ok ? ToolRun.Ending.FINISHED : ToolRun.Ending.FAILED;
            case TIMED_OUT -> ToolRun.Ending.TIMED_OUT;
            case CANCELLED -> ToolRun.Ending.CANCELLED;
            case NOT_STARTED -> ToolRun.Ending.MISSING;
        };
        String summary = result.ending() == SandboxResult.Ending.NOT_STARTED
                ? missing(
                        call.tool(),
                        String.join(
                                "; ",
                                // the engine's words arrive as the step's standard error: the sentence needs no marker
                                output.stream()
                                        .map(l -> l.startsWith("! ") ? l.substring(2) : l)
                                        .toList()))
                : describe(call.tool(), result);
        List<dev.clarity.runner.api.ModelUsage> usage = endpoint == null ? List.of() : endpoint.usage();
        if (endpoint != null && endpoint.budgetCrossed()) {
            ok = false;
            ending = ToolRun.Ending.BUDGET_EXCEEDED;
            summary = call.tool() + " was stopped: " + endpoint.budgetReason();
            output.add(summary);
        }
        written.add(artifacts.write(step + "-output.log", String.join("\n", output) + "\n"));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("tool", call.tool());
        record.put("version", version);
        record.put("command", redactor.redact(String.join(" ", argv.subList(0, Math.min(argv.size(), 1)))));
        record.put("attempt", call.attempt());
        record.put("ending", result.ending().name());
        record.put("exitCode", result.exitCode());
        record.put("durationMs", result.duration().toMillis());
        record.put("outputTruncated", result.outputTruncated());
        record.put("ok", ok);
        record.put("summary", summary);
        record.put("usage", usage);
        written.add(writeRecord(artifacts, step, record));
        List<String> logs = new ArrayList<>();
        logs.add(summary);
        logs.addAll(output.subList(Math.max(0, output.size() - LOG_TAIL), output.size()));
        return new ToolRun(call.tool(), version, ending, summary, result.duration(), logs, written, usage);
    }

    /** Writes {@code <step>-tool.json}, the record of one invocation, and returns its workspace-relative path. */
    static String writeRecord(Artifacts artifacts, String step, Map<String, Object> record) {
        try {
            return artifacts.write(
                    step + "-tool.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("serializing the tool record", e);
        }
    }

    private String version(ToolCall call, ToolConfig config, Map<String, String> env, Redactor redactor) {
        // the first line on stdout; a warning on stderr (codex warns there before it answers) is not the version,
        // but a tool that prints its version only on stderr still gets one
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> firstError = new CopyOnWriteArrayList<>();
        SandboxResult result = sandbox.run(
                new SandboxStep(
                        ToolCommand.versionArgv(config),
                        call.workspace(),
                        env,
                        VERSION_TIMEOUT,
                        false,
                        call.workspaceId(),
                        call.resources(),
                        null),
                line -> {
                    var into = line.stream() == OutputLine.Stream.STDOUT ? first : firstError;
                    if (into.isEmpty() && !line.text().isBlank()) {
                        into.add(line.text().strip());
                    }
                });
        first.addAll(firstError);
        return result.succeeded() && !first.isEmpty() ? redactor.redact(first.get(0)) : "unknown";
    }

    /**
     * The one sentence of a tool that cannot start: which tool, what was looked up where ({@code lookup}, from the
     * sandbox), and how to install or configure it.
     */
    static String missing(String tool, String lookup) {
        return "the tool " + tool + " cannot be started: " + lookup + "; install " + tool
                + " on the runner's PATH (or in the sandbox image), or set tools.default or tools." + tool
                + ".command in .clarity.yml (see docs/configuration.md)";
    }

    private static String describe(String tool, SandboxResult result) {
        return switch (result.ending()) {
                    case EXITED ->
                        result.exitCode() == 0
                                ? tool + " finished in " + result.duration().toMillis() + " ms"
                                : tool + " exited with code " + result.exitCode();
                    case TIMED_OUT -> tool + " was killed after its timeout of the step";
                    case CANCELLED -> tool + " was cancelled";
                    case NOT_STARTED -> tool + " could not be started";
                }
                + (result.outputTruncated() ? " (output beyond the limit was dropped)" : "");
    }
}
