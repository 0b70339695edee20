package dev.clarity.runner.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.clarity.vocabulary.Tool;
import java.util.List;

/** {@code tools:} — the default tool, routing rules (first match wins) and how each tool is started. */
public record ToolsConfig(
        @JsonProperty("default") String defaultTool,
        List<RoutingRule> routing,
        ToolConfig aider,
        ToolConfig claude,
        ToolConfig codex,
        ToolConfig ollama,
        ToolConfig command) {
    public static final ToolsConfig DEFAULT = new ToolsConfig(null, null, null, null, null, null, null);

    public ToolsConfig {
        defaultTool = defaultTool == null ? Tool.AIDER.spelling() : known(defaultTool, "tools.default");
        routing = routing == null ? List.of() : List.copyOf(routing);
        aider = (aider == null ? new ToolConfig(null, null) : aider).orElse(List.of("aider"), "sonnet");
        claude = (claude == null ? new ToolConfig(null, null) : claude).orElse(List.of("claude"), null);
        codex = (codex == null ? new ToolConfig(null, null) : codex).orElse(List.of("codex"), null);
        ollama = (ollama == null ? new ToolConfig(null, null) : ollama).orElse(List.of("ollama"), "qwen2.5-coder");
        command = command == null ? new ToolConfig(null, null) : command;
    }

    /**
     * {@code tool} when it is a tool's spelling; otherwise an {@link IllegalArgumentException} naming {@code key} and
     * the choices, so a typo is reported when the file is read rather than when an item reaches IMPLEMENT.
     */
    static String known(String tool, String key) {
        if (tool == null) {
            throw new IllegalArgumentException(key + " is missing (expected " + Tool.alternatives() + ")");
        }
        if (Tool.find(tool).isEmpty()) {
            throw new IllegalArgumentException(
                    key + " is " + tool + ", which is not a tool (expected " + Tool.alternatives() + ")");
        }
        return tool;
    }

    /** The configuration of the tool spelled {@code tool}; another word is an {@link IllegalArgumentException}. */
    public ToolConfig of(String tool) {
        return switch (Tool.fromSpelling(tool)) {
            case AIDER -> aider;
            case CLAUDE -> claude;
            case CODEX -> codex;
            case OLLAMA -> ollama;
            case COMMAND -> command;
        };
    }
}
