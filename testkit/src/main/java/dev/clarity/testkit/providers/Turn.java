package dev.clarity.testkit.providers;

import java.util.Map;

/**
 * One scripted answer of the model: text, or a tool call (Claude Code's {@code Write} or {@code Edit}, Codex's
 * {@code exec_command}), with the usage the answer reports.
 */
public record Turn(String text, String toolName, Map<String, Object> toolInput, long inputTokens, long outputTokens) {
    public static final long INPUT_TOKENS = 1200;
    public static final long OUTPUT_TOKENS = 80;

    public static Turn text(String text) {
        return new Turn(text, null, null, INPUT_TOKENS, OUTPUT_TOKENS);
    }

    /** A {@code Write} tool call: {@code path} is absolute, as Claude Code requires. */
    public static Turn write(String path, String content) {
        return new Turn(null, "Write", Map.of("file_path", path, "content", content), INPUT_TOKENS, OUTPUT_TOKENS);
    }

    public static Turn edit(String path, String oldString, String newString) {
        return new Turn(
                null,
                "Edit",
                Map.of("file_path", path, "old_string", oldString, "new_string", newString),
                INPUT_TOKENS,
                OUTPUT_TOKENS);
    }

    /** Codex's {@code exec_command} function call: it runs {@code cmd} with a shell in its working directory. */
    public static Turn command(String cmd) {
        return new Turn(null, "exec_command", Map.of("cmd", cmd), INPUT_TOKENS, OUTPUT_TOKENS);
    }

    /** The same answer reporting other token counts. */
    public Turn withUsage(long input, long output) {
        return new Turn(text, toolName, toolInput, input, output);
    }

    public boolean isToolCall() {
        return toolName != null;
    }
}
