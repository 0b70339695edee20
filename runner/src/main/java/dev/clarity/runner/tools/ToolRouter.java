package dev.clarity.runner.tools;

import dev.clarity.runner.config.RoutingRule;
import dev.clarity.runner.config.ToolsConfig;
import dev.clarity.vocabulary.Tool;
import java.util.List;
import java.util.Locale;

/**
 * Picks the tool for a task: a manual override wins, then the repository's routing rules (first match on the
 * title), then the built-in keyword policy, then the repository's default tool. Pure.
 */
public final class ToolRouter {
    /** The built-in keyword policy, tried after the repository's {@code tools.routing}. */
    public static final List<RoutingRule> BUILT_IN = List.of(
            new RoutingRule(List.of("refactor", "create module", "multi-file"), Tool.CLAUDE.spelling()),
            new RoutingRule(List.of("add test", "update one file"), Tool.AIDER.spelling()),
            new RoutingRule(List.of("scaffold tests", "generate boilerplate"), Tool.OLLAMA.spelling()));

    private ToolRouter() {}

    public static String route(String override, String title, ToolsConfig tools) {
        if (override != null && !override.isBlank()) {
            return known(override.toLowerCase(Locale.ROOT));
        }
        String safeTitle = title == null ? "" : title;
        for (RoutingRule rule : tools.routing()) {
            if (rule.matches(safeTitle)) {
                return known(rule.tool());
            }
        }
        for (RoutingRule rule : BUILT_IN) {
            if (rule.matches(safeTitle)) {
                return rule.tool();
            }
        }
        return known(tools.defaultTool());
    }

    private static String known(String tool) {
        if (Tool.find(tool).isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown tool " + tool + " (one of " + String.join(", ", Tool.spellings()) + ")");
        }
        return tool;
    }
}
