package dev.clarity.runner.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/** How to start one tool: its argv prefix and, for aider, claude, codex and ollama, the model. */
public record ToolConfig(
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> command,

        String model) {
    public ToolConfig {
        command = command == null ? List.of() : List.copyOf(command);
    }

    ToolConfig orElse(List<String> defaultCommand, String defaultModel) {
        return new ToolConfig(command.isEmpty() ? defaultCommand : command, model == null ? defaultModel : model);
    }
}
