package dev.clarity.runner.detect;

import dev.clarity.runner.config.ContextConfig;
import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.config.SandboxConfig;
import dev.clarity.runner.config.ToolsConfig;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Tool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The {@code .clarity.yml} that {@code clarity init} writes: every top-level key with a comment saying what it
 * does, the detected build's test (and setup) command as the standard checks, its programs on the command
 * allowlist, and the defaults of everything else written out ({@code merge}, {@code tools.default}, the sandbox) so a
 * person sees what they are agreeing to. Optional keys without a useful default stay commented out. The text parses
 * with {@code RepositoryConfigParser} to a config whose checks are the detection's.
 */
public final class StarterConfig {
    private static final int WIDTH = 116;

    private StarterConfig() {}

    public static String render(BuildDetection detection) {
        List<String> y = new ArrayList<>();
        comment(
                y,
                "",
                RepositoryConfig.FILE_NAME + ": how Clarity works on this repository. Every key is optional. Clarity"
                        + " reads this file at the commit an item starts from, never from a tool's changes: change it"
                        + " by a commit. Written by `clarity init`.");
        switch (detection) {
            case BuildDetection.Found found -> {
                comment(y, "", "Found " + found.build().describe());
                for (DetectedBuild other : found.others()) {
                    comment(
                            y,
                            "",
                            "and the " + other.describe() + ", not used: "
                                    + found.build().name() + " comes first.");
                }
            }
            case BuildDetection.NotFound notFound -> comment(y, "", notFound.advice());
        }
        y.add("");
        y.add("# tasks: the task list (default: ai_docs/tasks/tasks_list.md when it exists, else tasks_list.md)");
        y.add("# tasks: tasks_list.md");
        y.add("");
        y.add("# outcomes: where finished items are recorded (default: task_outcomes.md beside the task list)");
        y.add("# outcomes: task_outcomes.md");
        y.add("");
        y.add("# merge: how finished items reach the default branch: " + MergePolicy.alternatives());
        y.add("merge: " + MergePolicy.STACKED.spelling());
        y.add("");
        tools(y);
        y.add("");
        sandbox(y);
        y.add("");
        List<String> commands = switch (detection) {
            case BuildDetection.Found found -> found.build().commands();
            case BuildDetection.NotFound notFound -> List.of();
        };
        comment(
                y,
                "",
                "commands: programs a check or tool may start in the sandbox besides the built-in ones ("
                        + String.join(", ", new TreeSet<>(CommandPolicy.DEFAULT_COMMANDS))
                        + "); a path is listed as written");
        y.add(commands.isEmpty() ? "# commands: [\"./scripts/check.sh\"]" : "commands: " + flow(commands));
        y.add("");
        checks(y, detection);
        y.add("");
        y.add("# gates: task titles holding one of these words wait for `/clarity approve`");
        y.add("# gates: [\"migration\", \"secret\", \"drop table\", \"rm -rf\"]");
        y.add("");
        y.add("# context: at most `files` files that matter for an item go to the tool (0: none)");
        y.add("# context: { files: " + ContextConfig.DEFAULT_FILES + " }");
        y.add("");
        y.add("# protect: files a tool may not change without `/clarity approve` (the task list, the outcomes file,");
        y.add("# .clarity.yml, artifacts/, .github/workflows/ and every file a check names are always protected)");
        y.add("# protect: [\"deploy/**\", \"infra/\"]");
        y.add("");
        y.add("# risk: what in an item's diff waits for `/clarity approve` before it is committed (all on by default)");
        y.add("# risk: { migrations: true, destructive_sql: true, deletion_share: 0.5, deletion_min_lines: 20,"
                + " credentials: true }");
        y.add("");
        y.add("# tests: globs of test files besides the common layouts; a tool may not delete one (tests only grow)");
        y.add("# tests: [\"specs/**\"]");
        y.add("");
        y.add("# budget: what AI tools may use per item and per execution (tokens, US dollars, wall time)");
        y.add("# budget: { item: { tokens: 200000, money: 2.50, wall_time: 45m } }");
        return String.join("\n", y) + "\n";
    }

    private static void tools(List<String> y) {
        ToolsConfig defaults = ToolsConfig.DEFAULT;
        y.add("# tools: the AI coding tool that implements an item: " + Tool.alternatives());
        y.add("tools:");
        y.add("  default: " + defaults.defaultTool());
        y.add("  # routing: the first rule whose words the task title holds (any case) picks the tool");
        y.add("  # routing:");
        y.add("  #   - { match: [\"refactor\", \"multi-file\"], tool: " + Tool.CLAUDE.spelling() + " }");
        y.add("  # how each tool is started:");
        for (Tool tool : Tool.values()) {
            var config = defaults.of(tool.spelling());
            if (tool == Tool.OLLAMA) {
                // the runner asks ollama's API itself: no command is started, only the model is read (ADR 0037)
                y.add("  # " + tool.spelling() + ": { model: " + quote(config.model()) + " }");
                continue;
            }
            List<String> command = config.command().isEmpty() ? List.of("./scripts/agent.sh") : config.command();
            y.add("  # " + tool.spelling() + ": { command: " + flow(command)
                    + (config.model() == null ? "" : ", model: " + quote(config.model())) + " }");
        }
    }

    private static void sandbox(List<String> y) {
        SandboxConfig defaults = SandboxConfig.DEFAULT;
        y.add("# sandbox: where tools and checks run, and with what");
        y.add("sandbox:");
        y.add("  # engine: docker          # docker | process (default: docker when an engine answers)");
        y.add("  # image: \"localhost/clarity-sandbox-jdk:latest\"   # default: the runner's image; recipes: Clarity's"
                + " sandbox/");
        y.add("  cpus: " + number(defaults.cpus()));
        y.add("  memory: " + size(defaults.memory()));
        y.add("  # none | egress: builds that download their dependencies need egress, or an image that holds them");
        y.add("  network: " + defaults.network().name().toLowerCase(Locale.ROOT));
        y.add("  timeout: " + duration(defaults.timeout()) + "   # per step");
    }

    private static void checks(List<String> y, BuildDetection detection) {
        y.add("# checks: the standard checks every item must pass, as argv lists (no shell)");
        y.add("checks:");
        switch (detection) {
            case BuildDetection.Found found -> {
                DetectedBuild build = found.build();
                y.add(
                        build.setup()
                                .map(setup -> "  setup: [" + flow(setup) + "]")
                                .orElse(
                                        "  # setup: [[\"make\", \"deps\"]]   # installs dependencies, once per base, with sandbox.network"));
                y.add("  # build: [[\"make\"]]");
                y.add("  test: [" + flow(build.testCommand()) + "]");
            }
            case BuildDetection.NotFound notFound -> {
                y.add(
                        "  # setup: [[\"make\", \"deps\"]]   # installs dependencies, once per base, with sandbox.network");
                y.add("  # build: [[\"make\"]]");
                y.add("  # test: [[\"make\", \"test\"]]   # the command that runs your tests");
            }
        }
        y.add("  # defaults: criteria added under a B line that has no programmable criterion of its own");
        y.add("  #   - { key: test.unit, kind: test, check: cmd, args: [\"make\", \"test\"] }");
    }

    /** {@code text} as comment lines of at most {@link #WIDTH} characters, broken between words. */
    private static void comment(List<String> y, String indent, String text) {
        StringBuilder line = new StringBuilder(indent).append('#');
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > WIDTH && line.length() > indent.length() + 1) {
                y.add(line.toString());
                line = new StringBuilder(indent).append('#');
            }
            line.append(' ').append(word);
        }
        y.add(line.toString());
    }

    private static String flow(List<String> values) {
        return values.stream().map(StarterConfig::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A YAML double-quoted scalar (JSON's escaping is a subset of YAML's). */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String size(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "g";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "m";
        }
        if (bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "k";
        }
        return Long.toString(bytes);
    }

    private static String duration(Duration timeout) {
        if (timeout.toMillis() % 3_600_000 == 0) {
            return timeout.toHours() + "h";
        }
        if (timeout.toMillis() % 60_000 == 0) {
            return timeout.toMinutes() + "m";
        }
        if (timeout.toMillis() % 1_000 == 0) {
            return timeout.toSeconds() + "s";
        }
        return timeout.toMillis() + "ms";
    }
}
