package dev.clarity.runner.policy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Decides which argv lists may run and which environment variables a sandbox gets. Commands are argv lists, never a
 * shell string: nothing is globbed or expanded. {@code argv[0]} must be on the allowlist, compared exactly (a
 * command with a slash such as {@code ./scripts/agent.sh} must be listed with that slash). The environment is an
 * explicit allowlist: anything else, host secrets and tokens included, is dropped. Immutable.
 */
public final class CommandPolicy {
    /** Commands allowed without any configuration. */
    public static final Set<String> DEFAULT_COMMANDS = Set.of(
            "git",
            "mvn",
            "./mvnw",
            "gradle",
            "./gradlew",
            "java",
            "javac",
            "npm",
            "npx",
            "node",
            "yarn",
            "pnpm",
            "tsc",
            "python3",
            "python",
            "pytest",
            "mypy",
            "pyright",
            "pip",
            "go",
            "cargo",
            "make",
            "true",
            "false",
            "echo",
            "cat",
            "ls",
            "test",
            "aider",
            "claude",
            "codex",
            "ollama");

    /** Environment variables a sandbox may get; values come from the caller, never from the host environment. */
    public static final Set<String> DEFAULT_ENVIRONMENT = Set.of(
            "PATH",
            "HOME",
            "LANG",
            "LC_ALL",
            "TERM",
            "TZ",
            "CI",
            "JAVA_HOME",
            "MAVEN_OPTS",
            "MAVEN_USER_HOME",
            "GRADLE_USER_HOME",
            "npm_config_cache",
            "PIP_CACHE_DIR",
            "GOPATH",
            "GOMODCACHE",
            "GOCACHE",
            "CARGO_HOME",
            "CLARITY_TASK_ID",
            "CLARITY_TASK_TITLE",
            "CLARITY_PROMPT_FILE",
            "CLARITY_ATTEMPT",
            "CLARITY_MODEL");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Set<String> commands;
    private final Set<String> environment;

    private CommandPolicy(Set<String> commands, Set<String> environment) {
        this.commands = Set.copyOf(commands);
        this.environment = Set.copyOf(environment);
    }

    public static CommandPolicy defaults() {
        return new CommandPolicy(DEFAULT_COMMANDS, DEFAULT_ENVIRONMENT);
    }

    /** A copy that also allows {@code extra} (the repository's {@code commands}). */
    public CommandPolicy withCommands(Collection<String> extra) {
        Set<String> all = new TreeSet<>(commands);
        all.addAll(extra);
        return new CommandPolicy(all, environment);
    }

    public CommandPolicy withEnvironment(Collection<String> names) {
        Set<String> all = new TreeSet<>(environment);
        all.addAll(names);
        return new CommandPolicy(commands, all);
    }

    public CommandDecision check(List<String> argv) {
        if (argv == null || argv.isEmpty() || argv.get(0) == null || argv.get(0).isBlank()) {
            return new CommandDecision.Refused("", "an empty command is not allowed");
        }
        String command = argv.get(0);
        for (String arg : argv) {
            if (arg == null || arg.indexOf('\0') >= 0) {
                return new CommandDecision.Refused(command, "command " + command + " has a null or NUL argument");
            }
        }
        if (!commands.contains(command)) {
            return new CommandDecision.Refused(
                    command, "command " + command + " is not on the allowlist (add it to `commands` in .clarity.yml)");
        }
        return new CommandDecision.Allowed(List.copyOf(argv));
    }

    /** Only the allowlisted, well-formed names of {@code requested}, in their order. */
    public Map<String, String> environment(Map<String, String> requested) {
        Map<String, String> out = new LinkedHashMap<>();
        requested.forEach((name, value) -> {
            if (name != null && value != null && ENV_NAME.matcher(name).matches() && environment.contains(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    public Set<String> commands() {
        return commands;
    }
}
