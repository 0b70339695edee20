package dev.clarity.runner.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;
import java.util.Locale;

/** Route a task to {@code tool} when its title contains any of {@code match} (case-insensitive). */
public record RoutingRule(
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> match,

        String tool) {
    public RoutingRule {
        match = match == null ? List.of() : List.copyOf(match);
        ToolsConfig.known(tool, "tools.routing[].tool");
    }

    public boolean matches(String title) {
        String lower = title.toLowerCase(Locale.ROOT);
        return match.stream().anyMatch(m -> lower.contains(m.toLowerCase(Locale.ROOT)));
    }
}
