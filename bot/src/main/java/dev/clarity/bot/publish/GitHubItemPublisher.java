package dev.clarity.bot.publish;

import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.bot.github.GitHubException;
import dev.clarity.bot.github.GitHubGateway;
import dev.clarity.bot.github.RepoRef;
import dev.clarity.bot.markdown.Markdown;
import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.orchestrator.ItemPublisher;
import dev.clarity.bot.orchestrator.TaskRunRecord;
import dev.clarity.bot.orchestrator.TaskRuns;
import dev.clarity.bot.outbox.GitHubOutbox;
import dev.clarity.bot.render.CriterionResult;
import dev.clarity.bot.render.ProgressReport;
import dev.clarity.bot.render.TaskLine;
import dev.clarity.bot.render.TaskReport;
import dev.clarity.bot.render.TaskStatus;
import dev.clarity.bot.render.Verdict;
import dev.clarity.bot.usage.UsageQueries;
import dev.clarity.bot.usage.UsageTotals;
import dev.clarity.runner.api.GitCredentials;
import dev.clarity.vocabulary.Step;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's announcements, written on GitHub for projects that have an installation: the pull request and
 * completed check run of each pushed item, and the execution's progress comment on the issue it was started from
 * (edited in place, only when the badge or the current item changed, through the outbox so that no update is lost
 * and the final one is always written). Projects without an installation (local
 * repositories) are skipped. Also supplies the installation token that clone and push use.
 */
public final class GitHubItemPublisher implements ItemPublisher {
    private static final Logger log = LoggerFactory.getLogger(GitHubItemPublisher.class);
    private static final Pattern ISSUE = Pattern.compile("issue #(\\d+)");

    private final DSLContext dsl;
    private final GitHubGateway github;
    private final GitHubPublisher publisher;
    private final GitHubOutbox outbox;
    private final TaskRuns store;
    private final String publicUrl;
    private final InstantSource clock;
    private final Map<Long, String> lastProgress = new ConcurrentHashMap<>();
    private final UsageQueries usage;

    public GitHubItemPublisher(
            DSLContext dsl,
            GitHubGateway github,
            GitHubOutbox outbox,
            TaskRuns store,
            String publicUrl,
            InstantSource clock) {
        this.dsl = dsl;
        this.github = github;
        this.outbox = outbox;
        this.publisher = new GitHubPublisher(github);
        this.store = store;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.usage = new UsageQueries(dsl);
    }

    /** What the totals say in Clarity's words, or null when no model request was made. */
    private static String described(UsageTotals totals) {
        return totals.noTokens() ? null : totals.describe();
    }

    /** The installation's token for clone and push, or null for a project that is not on GitHub. */
    public GitCredentials credentials(ExecutionSnapshot execution) {
        try {
            return installation(execution)
                    .map(id -> GitCredentials.gitHubToken(
                            github.installationToken(id).token()))
                    .orElse(null);
        } catch (GitHubException e) {
            // the step cannot reach the repository without it: the execution waits, BLOCKED, for a resume
            throw new dev.clarity.runner.api.RunnerException(
                    "GitHub gave no installation token for clone and push: " + e.getMessage());
        }
    }

    @Override
    public void started(ExecutionSnapshot execution, String taskId, String title) {
        // the check run starts at PUSH, where the commit it belongs to is known (GitHub requires head_sha)
    }

    @Override
    public String pushed(ExecutionSnapshot execution, PushedItem item) {
        Optional<Long> installation = installation(execution);
        if (installation.isEmpty()) {
            return null;
        }
        List<CriterionResult> criteria = new ArrayList<>();
        item.passed().forEach(k -> criteria.add(new CriterionResult(k, k, Verdict.PASSED, "", null, 0)));
        item.failed().forEach(k -> criteria.add(new CriterionResult(k, k, Verdict.FAILED, "", null, 0)));
        item.notMachineChecked()
                .forEach(t -> criteria.add(new CriterionResult("prose", t, Verdict.NOT_MACHINE_CHECKED, "", null, 0)));
        RepoRef repo = RepoRef.parse(execution.repository());
        String artifacts =
                "https://github.com/" + repo.fullName() + "/tree/" + item.branch() + "/" + item.artifactsPath();
        TaskReport report = new TaskReport(
                execution.id(),
                item.taskId(),
                item.title(),
                item.title(),
                criteria,
                item.attempts(),
                item.tool(),
                item.branch(),
                artifacts,
                described(usage.item(execution.id(), item.taskId())));
        try {
            var published = publisher.taskPushed(
                    installation.get(), repo, report, item.baseBranch(), item.commit(), detailsUrl(execution));
            return published.pullRequest().htmlUrl();
        } catch (GitHubException e) {
            throw new NotTaken(e.getMessage(), e, e.retryAt().orElse(null));
        }
    }

    @Override
    public boolean reportsMerges() {
        return true;
    }

    @Override
    public void progressed(ExecutionSnapshot execution, String note) {
        Optional<Long> installation = installation(execution);
        Optional<Integer> issue = issue(execution.id());
        if (installation.isEmpty() || issue.isEmpty()) {
            return;
        }
        String state = execution.badge() + "/" + execution.cursor().taskId();
        if (state.equals(lastProgress.put(execution.id(), state))) {
            return;
        }
        try {
            List<TaskRunRecord> runs = store.taskRuns(execution.id());
            // depth relative to the shallowest item shown: a line indented by four spaces would be a code block
            int top = runs.stream().mapToInt(r -> depth(r.taskId())).min().orElse(0);
            List<TaskLine> lines = new ArrayList<>();
            for (TaskRunRecord r : runs) {
                lines.add(new TaskLine(r.taskId(), r.title(), status(r, execution), depth(r.taskId()) - top));
            }
            Duration elapsed = Duration.between(
                    execution.startedAt() != null ? execution.startedAt() : execution.createdAt(), clock.instant());
            Optional<ProgressReport.Ending> ending = switch (execution.badge()) {
                case COMPLETED -> Optional.of(new ProgressReport.Ending("Every task is done.", ""));
                case PAUSED -> Optional.of(paused(execution, note));
                case BLOCKED ->
                    Optional.of(new ProgressReport.Ending(
                            "A person is needed: " + note + ".",
                            "Fix it and comment `/clarity retry`, or "
                                    + Markdown.code("/clarity skip "
                                            + execution.cursor().taskId()) + "."));
                case STOPPED ->
                    Optional.of(new ProgressReport.Ending(
                            "Stopped.", "Comment `/clarity resume` to continue where it stopped."));
                case FAILED -> Optional.of(new ProgressReport.Ending("Failed: " + note + ".", "Check the task list."));
                default -> Optional.empty();
            };
            outbox.submit(GitHubPublisher.progress(
                    installation.get(),
                    RepoRef.parse(execution.repository()),
                    issue.get(),
                    new ProgressReport(
                            execution.id(),
                            execution.repository(),
                            execution.badge().spelling(),
                            lines,
                            execution.cursor().taskId(),
                            execution.cursor().step().name(),
                            elapsed,
                            ProgressReport.estimate(elapsed, execution.tasksDone(), execution.tasksTotal()),
                            ending,
                            execution.tasksDone(),
                            execution.tasksTotal(),
                            described(usage.execution(execution.id())))));
        } catch (RuntimeException e) {
            // only rendering or queueing (the database) can fail here; GitHub's answers are the outbox's business
            lastProgress.remove(execution.id()); // try again at the next transition
            log.warn(
                    "Queueing the progress comment of execution {} did not succeed: {}",
                    execution.id(),
                    e.getMessage());
        }
    }

    /** A stop point is reached between items (the cursor at the start) with the stop point set. */
    private static ProgressReport.Ending paused(ExecutionSnapshot execution, String note) {
        if (execution.cursor().taskId() == null && execution.stopAfter() != null) {
            return new ProgressReport.Ending(
                    "Paused after item " + execution.stopAfter() + ", its stop point.",
                    "Review the pull request of " + Markdown.inline(execution.stopAfter())
                            + ", then comment `/clarity resume` to go on with the next items.");
        }
        return new ProgressReport.Ending("Paused: " + note + ".", "Comment `/clarity resume` to go on.");
    }

    private static int depth(String taskId) {
        return taskId.split("\\.").length - 1;
    }

    private static TaskStatus status(TaskRunRecord r, ExecutionSnapshot execution) {
        if (Step.DONE.name().equals(r.step())) {
            return TaskStatus.DONE;
        }
        if (Step.SKIPPED.name().equals(r.step())) {
            return TaskStatus.SKIPPED;
        }
        if (r.taskId().equals(execution.cursor().taskId())) {
            return execution.cursor().step() == Step.HUMAN_REVIEW ? TaskStatus.BLOCKED : TaskStatus.RUNNING;
        }
        return TaskStatus.TODO;
    }

    private Optional<Long> installation(ExecutionSnapshot execution) {
        return dsl.select(PROJECTS.INSTALLATION_ID)
                .from(PROJECTS)
                .where(PROJECTS.ID.eq(execution.projectId()))
                .fetchOptional(PROJECTS.INSTALLATION_ID);
    }

    private Optional<Integer> issue(long executionId) {
        String ref = dsl.select(dev.clarity.migrations.jooq.Tables.EXECUTIONS.TRIGGER_REF)
                .from(dev.clarity.migrations.jooq.Tables.EXECUTIONS)
                .where(dev.clarity.migrations.jooq.Tables.EXECUTIONS.ID.eq(executionId))
                .fetchOne(dev.clarity.migrations.jooq.Tables.EXECUTIONS.TRIGGER_REF);
        if (ref == null) {
            return Optional.empty();
        }
        Matcher m = ISSUE.matcher(ref);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private String detailsUrl(ExecutionSnapshot execution) {
        return publicUrl == null ? null : publicUrl + "/executions/" + execution.id();
    }
}
