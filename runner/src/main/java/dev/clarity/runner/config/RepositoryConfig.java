package dev.clarity.runner.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.clarity.vocabulary.MergePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A repository's {@code .clarity.yml} with every default applied (each key is described in
 * {@code docs/configuration.md}). {@code tasks} and {@code outcomes}
 * are null when not set; {@link #tasksPath(Path)} and {@link #outcomesPath(Path)} apply the path defaults.
 */
public record RepositoryConfig(
        String tasks,
        String outcomes,

        // stacked, Stacked and STACKED alike, as before; an unknown word names the choices
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
        MergePolicy merge,

        ToolsConfig tools,
        SandboxConfig sandbox,

        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> commands,

        ChecksConfig checks,

        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> gates,

        // globs of files a tool may not change without a person's approval (ProtectedGlobs checks them)
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> protect,

        RiskConfig risk,

        // globs of test files besides the common layouts: deleting one fails VERIFY (tests only grow)
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> tests,

        ContextConfig context,

        BudgetConfig budget) {
    public static final String FILE_NAME = ".clarity.yml";
    public static final RepositoryConfig DEFAULT =
            new RepositoryConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);

    public RepositoryConfig {
        merge = merge == null ? MergePolicy.STACKED : merge;
        tools = tools == null ? ToolsConfig.DEFAULT : tools;
        sandbox = sandbox == null ? SandboxConfig.DEFAULT : sandbox;
        commands = commands == null ? List.of() : List.copyOf(commands);
        checks = checks == null ? ChecksConfig.DEFAULT : checks;
        gates = gates == null ? List.of() : List.copyOf(gates);
        protect = protect == null ? List.of() : List.copyOf(protect);
        for (int i = 0; i < protect.size(); i++) {
            try {
                ProtectedGlobs.check(protect.get(i));
            } catch (IllegalArgumentException e) {
                throw new KeyedProblem(List.of("protect", Integer.toString(i)), e.getMessage());
            }
        }
        risk = risk == null ? RiskConfig.DEFAULT : risk;
        tests = tests == null ? List.of() : List.copyOf(tests);
        context = context == null ? ContextConfig.DEFAULT : context;
        budget = budget == null ? BudgetConfig.DEFAULT : budget;
    }

    /** The task list: {@code tasks} when set, else {@code ai_docs/tasks/tasks_list.md} if it exists, else {@code tasks_list.md}. */
    public String tasksPath(Path repositoryRoot) {
        if (tasks != null) {
            return tasks;
        }
        return Files.exists(repositoryRoot.resolve("ai_docs/tasks/tasks_list.md"))
                ? "ai_docs/tasks/tasks_list.md"
                : "tasks_list.md";
    }

    /** The outcomes file: {@code outcomes} when set, else {@code task_outcomes.md} beside the task list. */
    public String outcomesPath(Path repositoryRoot) {
        if (outcomes != null) {
            return outcomes;
        }
        String list = tasksPath(repositoryRoot);
        int slash = list.lastIndexOf('/');
        return slash < 0 ? "task_outcomes.md" : list.substring(0, slash + 1) + "task_outcomes.md";
    }
}
