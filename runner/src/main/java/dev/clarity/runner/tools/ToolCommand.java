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
    private ToolCommand() {}

    public static List<String> argv(String tool, ToolConfig config, String promptFile, String prompt) {
        return argv(tool, config, promptFile, prompt, List.of());
    }

    /**
     * As above, with the task's context {@code files} (workspace-relative): aider takes them as file arguments after
     * its options (files it may read and edit); the other tools find them in the prompt's context section.
     */
    public static List<String> argv(
            String tool, ToolConfig config, String promptFile, String prompt, List<String> files) {
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
     * for anything but the model (no telemetry, error reports or update checks, which the sandbox would refuse).
     */
    public static Map<String, String> environment(String tool) {
        if (Tool.find(tool).orElse(Tool.COMMAND) == Tool.CLAUDE) {
            return Map.of(
                    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
                    "DISABLE_AUTOUPDATER", "1",
                    "DISABLE_TELEMETRY", "1",
                    "DISABLE_ERROR_REPORTING", "1");
        }
        return Map.of();
    }

    /** How to ask the tool for its version (first line of the answer is recorded). */
    public static List<String> versionArgv(ToolConfig config) {
        List<String> argv = new ArrayList<>(config.command());
        argv.add("--version");
        return List.copyOf(argv);
    }
}
