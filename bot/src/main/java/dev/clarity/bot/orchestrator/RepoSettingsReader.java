package dev.clarity.bot.orchestrator;

import dev.clarity.runner.config.ChecksConfig;
import dev.clarity.runner.config.ConfigParse;
import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.config.RepositoryConfigParser;
import dev.clarity.vocabulary.MergePolicy;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/**
 * Reads {@code .clarity.yml} from an execution's workspace into {@link RepoSettings}: the file's {@code tasks} key,
 * else {@code ai_docs/tasks/tasks_list.md} when it exists, else the project's task-list path; the merge policy of
 * the request, else the file's. Everything is read at the item's base commit ({@link WorkspaceFiles#readAtBase}),
 * never from the work tree: the merge policy decides whether Clarity pushes to the default branch, and a tool that
 * rewrote the file must not decide that.
 */
public final class RepoSettingsReader implements BiFunction<String, ExecutionSnapshot, RepoSettings> {
    private static final String AI_DOCS_LIST = "ai_docs/tasks/tasks_list.md";

    private final WorkspaceFiles files;
    private final RepositoryConfigParser parser = new RepositoryConfigParser();

    public RepoSettingsReader(WorkspaceFiles files) {
        this.files = files;
    }

    @Override
    public RepoSettings apply(String workspaceId, ExecutionSnapshot execution) {
        RepositoryConfig config = files.readAtBase(workspaceId, RepositoryConfig.FILE_NAME)
                .map(bytes -> switch (parser.parse(new String(bytes, StandardCharsets.UTF_8))) {
                    case ConfigParse.Parsed p -> p.config();
                    case ConfigParse.Invalid i -> throw new RepositoryProblem(i.describe());
                })
                .orElse(RepositoryConfig.DEFAULT);
        String tasks = config.tasks() != null
                ? config.tasks()
                : files.readAtBase(workspaceId, AI_DOCS_LIST).isPresent() ? AI_DOCS_LIST : execution.taskListPath();
        String outcomes = config.outcomes() != null
                ? config.outcomes()
                : (tasks.contains("/") ? tasks.substring(0, tasks.lastIndexOf('/') + 1) : "") + "task_outcomes.md";
        MergePolicy policy = execution.mergePolicyExplicit() ? execution.mergePolicy() : config.merge();
        return new RepoSettings(
                tasks,
                outcomes,
                policy,
                config.checks().defaults().stream()
                        .map(ChecksConfig.DefaultCheck::toCriterion)
                        .toList(),
                config.gates(),
                config.budget());
    }
}
