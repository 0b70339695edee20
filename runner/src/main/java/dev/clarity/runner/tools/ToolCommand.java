package dev.clarity.runner.tools;

import dev.clarity.runner.config.ToolConfig;
import dev.clarity.vocabulary.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real command lines of the tools. {@code promptFile} is an absolute path visible inside the sandbox (the
 * workspace is mounted at its own path); {@code prompt} is the same text, for tools that take it as an argument.
 */
public final class ToolCommand {
    /** Codex's temporary directory in a step: inside the step's home ({@code ToolInvoker.STEP_HOME}), not above it. */
    static final String STEP_TMPDIR = ToolInvoker.STEP_HOME + "/tmp";

    private ToolCommand() {}

    public static List<String> argv(String tool, ToolConfig config, String promptFile, String prompt) {
        return argv(tool, config, promptFile, prompt, List.of(), null);
    }

    /**
     * As above, with the task's context {@code files} (workspace-relative): aider takes them as file arguments after
     * its options (files it may read and edit); the other tools find them in the prompt's context section.
     * {@code openAiBase} is the step's gateway as the tool sees it ({@code http://127.0.0.1:PORT/openai/v1}), or
     * null when the step has no gateway; codex is given it on its command line, since it reads no base URL from its
     * environment (ADR 0037).
     */
    public static List<String> argv(
            String tool, ToolConfig config, String promptFile, String prompt, List<String> files, String openAiBase) {
        List<String> argv = new ArrayList<>(config.command());
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("tools." + tool + ".command is empty in .clarity.yml");
        }
        switch (Tool.fromSpelling(tool)) {
            case AIDER -> {
                // non-interactive: message file, answer yes, never commit (the runner commits), no update check or
                // analytics (the sandbox reaches nothing but the gateway); OPENAI_API_BASE and ANTHROPIC_BASE_URL in
                // the environment point it at the gateway
                argv.addAll(List.of(
                        "--message-file",
                        promptFile,
                        "--yes-always",
                        "--no-auto-commits",
                        "--no-pretty",
                        "--no-check-update",
                        "--no-analytics"));
                if (config.model() != null) {
                    argv.addAll(List.of("--model", config.model()));
                }
                if (!files.isEmpty()) {
                    argv.add("--"); // a file named like an option stays a file
                    argv.addAll(files);
                }
            }
            case CLAUDE -> {
                argv.addAll(List.of(
                        "-p", prompt,
                        "--output-format", "json",
                        "--permission-mode", "acceptEdits",
                        "--allowedTools", "Read,Edit,Write,Glob,Grep"));
                if (config.model() != null) {
                    argv.addAll(List.of("--model", config.model()));
                }
            }
            case CODEX -> {
                // non-interactive; Clarity's sandbox is the boundary, so codex's own (bubblewrap, which cannot nest
                // and refuses a home under /tmp) is off; JSON events on stdout
                argv.addAll(List.of("exec", "--skip-git-repo-check", "-s", "danger-full-access", "--json"));
                if (config.model() != null) {
                    argv.addAll(List.of("-m", config.model()));
                }
                if (openAiBase != null) {
                    // a provider of its own: the built-in openai one ignores OPENAI_BASE_URL; the step token is the
                    // key it sends (values are TOML strings)
                    argv.addAll(List.of(
                            "-c", "model_provider=\"clarity\"",
                            "-c", "model_providers.clarity.name=\"clarity\"",
                            "-c", "model_providers.clarity.base_url=" + toml(openAiBase),
                            "-c", "model_providers.clarity.env_key=\"OPENAI_API_KEY\"",
                            "-c", "model_providers.clarity.wire_api=\"responses\""));
                }
                argv.add("--"); // a prompt that starts with a dash stays the prompt
                argv.add(prompt);
            }
            case OLLAMA ->
                // the runner asks ollama itself, through the step's gateway endpoint (OllamaStep, ADR 0037)
                throw new IllegalArgumentException("ollama is not started as a command: the runner calls its API");
            case COMMAND -> {
                // any agent CLI: it reads CLARITY_PROMPT_FILE
            }
        }
        return List.copyOf(argv);
    }

    /**
     * What the tool's environment gets besides the gateway's base URLs and token: Claude Code is told not to reach
     * for anything but the model (no telemetry, error reports or update checks, which the sandbox would refuse);
     * codex gets a temporary directory inside its home.
     */
    public static Map<String, String> environment(String tool) {
        return switch (Tool.find(tool).orElse(Tool.COMMAND)) {
            case CLAUDE ->
                Map.of(
                        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
                        "DISABLE_AUTOUPDATER", "1",
                        "DISABLE_TELEMETRY", "1",
                        "DISABLE_ERROR_REPORTING", "1");
            // codex refuses to set up its helper commands (apply_patch, its sandbox helper) in a home under the
            // temporary directory; the step's /tmp is fresh anyway, so its temporary directory moves inside the home
            // (the sandbox creates it with the home)
            case CODEX -> Map.of("TMPDIR", STEP_TMPDIR);
            default -> Map.of();
        };
    }

    /** {@code value} as a TOML basic string. */
    private static String toml(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** How to ask the tool for its version (first line of the answer is recorded). */
    public static List<String> versionArgv(ToolConfig config) {
        List<String> argv = new ArrayList<>(config.command());
        argv.add("--version");
        return List.copyOf(argv);
    }
}
