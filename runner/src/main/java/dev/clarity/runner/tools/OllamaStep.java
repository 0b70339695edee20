package dev.clarity.runner.tools;

import dev.clarity.runner.api.ModelUsage;
import dev.clarity.runner.artifacts.Artifacts;
import dev.clarity.runner.artifacts.WorkspacePaths;
import dev.clarity.runner.gateway.GatewayStep;
import dev.clarity.runner.redaction.Redactor;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ollama tool (ADR 0037): the runner asks the model itself, through the step's gateway endpoint, and applies the
 * answer with {@link AnswerApplier}'s path checks. Nothing runs in the sandbox — a model that can only answer with
 * text needs no process there — and the model is reached only through the gateway, which counts the usage and
 * enforces the step's budget. The request carries the prompt, the focused files' contents (ollama cannot read them
 * itself) and the answer format. Called by {@link ToolInvoker}, one call per workspace at a time.
 */
final class OllamaStep {
    /** How the model must answer for Clarity to apply it. */
    static final String SYSTEM = """
            You change files of a git repository by answering with text; you cannot run commands or read other files.
            Give every file you create or change in full, in a fenced code block whose info string is the file's path \
            relative to the repository root, for example:
            ```java src/main/java/Hello.java
            class Hello {}
            ```
            or give one unified diff (--- a/PATH, +++ b/PATH, @@ hunks) in a ```diff block. Paths outside the \
            repository are refused.""";

    static final int MAX_FILE_BYTES = 64 * 1024;
    static final int MAX_CONTEXT_BYTES = 256 * 1024;

    /** Why a step's endpoint was closed before its answer ended. */
    enum Stop {
        NONE,
        TIMED_OUT,
        CANCELLED
    }

    private final OllamaChat chat;
    private final InstantSource clock;

    OllamaStep(OllamaChat chat, InstantSource clock) {
        this.chat = chat;
        this.clock = clock;
    }

    /**
     * Runs one ollama step at {@code endpoint} (null: the runner has no gateway, and ollama cannot be reached);
     * {@code stop} says whether the endpoint was closed early and why. {@code written} already holds the prompt.
     */
    ToolRun run(
            ToolCall call,
            Redactor redactor,
            GatewayStep endpoint,
            Supplier<Stop> stop,
            Artifacts artifacts,
            String step,
            List<String> written) {
        String tool = call.tool();
        if (endpoint == null) {
            String why = ToolInvoker.missing(
                    tool, "ollama is reached only through the runner's model gateway, and this runner has none");
            return new ToolRun(tool, "unknown", ToolRun.Ending.MISSING, why, Duration.ZERO, List.of(why), written);
        }
        URI base = URI.create("http://127.0.0.1:" + endpoint.hostPort());
        String model = call.config().tools().of(tool).model();
        String version =
                chat.version(base).map(v -> "ollama " + redactor.redact(v)).orElse("unknown");
        Redactor.LineFilter filter = redactor.lines();
        List<String> output = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        long started = clock.millis();
        OllamaReply reply = chat.chat(base, model, messages(call), call.timeout(), piece -> {
            pending.append(piece);
            for (int nl = pending.indexOf("\n"); nl >= 0; nl = pending.indexOf("\n")) {
                output.add(filter.apply(pending.substring(0, nl)));
                pending.delete(0, nl + 1);
            }
        });
        if (!pending.isEmpty()) {
            output.add(filter.apply(pending.toString()));
        }
        Duration duration = Duration.ofMillis(Math.max(0, clock.millis() - started));
        ToolRun.Ending ending;
        String summary;
        switch (reply) {
            case OllamaReply.Answered answered -> {
                AnswerOutcome applied = AnswerApplier.apply(call.workspace(), answered.text());
                ending = applied instanceof AnswerOutcome.Applied ? ToolRun.Ending.FINISHED : ToolRun.Ending.FAILED;
                summary = switch (applied) {
                    case AnswerOutcome.Applied a -> "ollama's answer was applied to " + a.files();
                    case AnswerOutcome.Refused r ->
                        "ollama's answer was refused: " + r.reason() + " (" + redactor.redact(r.path()) + ")";
                    case AnswerOutcome.NothingToApply n -> "ollama's answer held no diff and no fenced files";
                };
            }
            case OllamaReply.ModelMissing missing -> {
                ending = ToolRun.Ending.MISSING;
                summary = "the model " + model + " is not on the Ollama server behind the gateway ("
                        + (missing.pulled().isEmpty() ? "it has none" : "it has " + String.join(", ", missing.pulled()))
                        + "): run `ollama pull " + model + "` there, or set tools.ollama.model in .clarity.yml";
            }
            case OllamaReply.Refused refused -> {
                ending = ToolRun.Ending.FAILED;
                summary = "ollama refused the request (" + refused.status() + "): " + redactor.redact(refused.error());
            }
            case OllamaReply.Broken broken -> {
                ending = switch (stop.get()) {
                    case TIMED_OUT -> ToolRun.Ending.TIMED_OUT;
                    case CANCELLED -> ToolRun.Ending.CANCELLED;
                    case NONE -> ToolRun.Ending.FAILED;
                };
                summary = switch (stop.get()) {
                    case TIMED_OUT -> "ollama was stopped after its timeout of the step";
                    case CANCELLED -> "ollama was cancelled";
                    case NONE -> "ollama's answer did not arrive: " + broken.reason();
                };
            }
        }
        List<ModelUsage> usage = endpoint.usage();
        if (endpoint.budgetCrossed()) {
            ending = ToolRun.Ending.BUDGET_EXCEEDED;
            summary = tool + " was stopped: " + endpoint.budgetReason();
        }
        output.add(summary);
        written.add(artifacts.write(step + "-output.log", String.join("\n", output) + "\n"));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("tool", tool);
        record.put("version", version);
        record.put("command", "POST /api/chat (model " + model + ") through the model gateway");
        record.put("attempt", call.attempt());
        record.put("ending", ending.name());
        record.put("durationMs", duration.toMillis());
        record.put("ok", ending == ToolRun.Ending.FINISHED);
        record.put("summary", summary);
        record.put("usage", usage);
        written.add(ToolInvoker.writeRecord(artifacts, step, record));
        List<String> logs = new ArrayList<>();
        logs.add(summary);
        logs.addAll(output.subList(Math.max(0, output.size() - ToolInvoker.LOG_TAIL), output.size()));
        return new ToolRun(tool, version, ending, summary, duration, logs, written, usage);
    }

    /** The system message with the answer format, and the prompt followed by the focused files' contents. */
    static List<Map<String, String>> messages(ToolCall call) {
        StringBuilder user = new StringBuilder(call.prompt());
        int budget = MAX_CONTEXT_BYTES;
        for (String file : call.files()) {
            Optional<Path> path = WorkspacePaths.resolve(call.workspace(), file);
            if (path.isEmpty()) {
                continue;
            }
            user.append("\n\n### ").append(file).append('\n');
            if (!Files.isRegularFile(path.get())) {
                user.append("(does not exist yet)\n");
                continue;
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path.get());
            } catch (IOException e) {
                user.append("(cannot be read)\n");
                continue;
            }
            if (bytes.length > Math.min(MAX_FILE_BYTES, budget)) {
                user.append("(").append(bytes.length).append(" bytes: too large to include)\n");
                continue;
            }
            budget -= bytes.length;
            String text = new String(bytes, StandardCharsets.UTF_8);
            user.append("```\n")
                    .append(text)
                    .append(text.endsWith("\n") ? "" : "\n")
                    .append("```\n");
        }
        return List.of(Map.of("role", "system", "content", SYSTEM), Map.of("role", "user", "content", user.toString()));
    }
}
