package dev.clarity.runner.tools;

import dev.clarity.runner.config.ToolConfig;
import dev.clarity.vocabulary.Tool;
import java.util.ArrayList;
import java.util.List;

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
                // non-interactive: message file, answer yes, never commit (the runner commits)
                argv.addAll(List.of("--message-file", promptFile, "--yes-always", "--no-auto-commits", "--no-pretty"));
                if (config.model() != null) {
                    argv.addAll(List.of("--model", config.model()));
                }
                if (!files.isEmpty()) {
                    argv.add("--"); // a file named like an option stays a file
                    argv.addAll(files);
                }
            }
            case CLAUDE ->
                argv.addAll(List.of(
                        "-p", prompt,
                        "--output-format", "json",
                        "--permission-mode", "acceptEdits",
                        "--allowedTools", "Read,Edit,Write,Glob,Grep"));
            case OLLAMA ->
                argv.addAll(List.of("run", config.model() == null ? "qwen2.5-coder" : config.model(), prompt));
            case COMMAND -> {
                // any agent CLI: it reads CLARITY_PROMPT_FILE
            }
        }
        return List.copyOf(argv);
    }

    /** How to ask the tool for its version (first line of the answer is recorded). */
    public static List<String> versionArgv(ToolConfig config) {
        List<String> argv = new ArrayList<>(config.command());
        argv.add("--version");
        return List.copyOf(argv);
    }
}
