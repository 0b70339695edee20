package dev.clarity.runner.config;

import dev.clarity.runner.api.CriterionSpec;
import java.util.List;

/**
 * {@code checks:} — the standard setup, build and test commands (argv lists) and the criteria injected under a B
 * line that has no programmable criterion.
 */
public record ChecksConfig(
        List<List<String>> setup, List<List<String>> build, List<List<String>> test, List<DefaultCheck> defaults) {
    public static final ChecksConfig DEFAULT = new ChecksConfig(null, null, null, null);

    public ChecksConfig {
        setup = copy(setup);
        build = copy(build);
        test = copy(test);
        defaults = defaults == null ? List.of() : List.copyOf(defaults);
    }

    private static List<List<String>> copy(List<List<String>> commands) {
        return commands == null
                ? List.of()
                : commands.stream().map(List::copyOf).toList();
    }

    /** One injected criterion as written in the config. */
    public record DefaultCheck(String key, String kind, String check, List<String> args, String target, String text) {
        public DefaultCheck {
            args = args == null ? List.of() : List.copyOf(args);
        }

        public CriterionSpec toCriterion() {
            return new CriterionSpec(key, kind, check, target, args, text);
        }
    }
}
