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
import dev.clarity.bot.render.CheckRunOutput;
import dev.clarity.bot.render.CriterionResult;
import dev.clarity.bot.render.ProgressReport;
import dev.clarity.bot.render.TaskLine;
import dev.clarity.bot.render.TaskReport;
import dev.clarity.bot.render.TaskStatus;
import dev.clarity.bot.render.Verdict;
import dev.clarity.bot.usage.UsageQueries;
import dev.clarity.bot.usage.UsageTotals;
import dev.clarity.runner.api.CriterionReport;
import dev.clarity.runner.api.GitCredentials;
import dev.clarity.vocabulary.Badge;
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
        Map<String, CriterionReport> reports = new java.util.HashMap<>();
        item.reports().forEach(r -> reports.put(r.key(), r));
        item.passed().forEach(k -> criteria.add(result(k, Verdict.PASSED, reports.get(k))));
        item.failed().forEach(k -> criteria.add(result(k, Verdict.FAILED, reports.get(k))));
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

    /** A criterion's row: its summary as evidence, its output and the failures that name a file and line. */
    private static CriterionResult result(String key, Verdict verdict, CriterionReport report) {
        if (report == null) {
            return new CriterionResult(key, key, verdict, "", null, 0);
        }
        return new CriterionResult(
                key,
                key,
                verdict,
                report.summary(),
                null,
                0,
                report.excerpt(),
                report.locations().stream()
                        .map(l -> new CriterionResult.Spot(l.path(), l.line(), l.message()))
                        .toList());
    }

    @Override
    public boolean reportsMerges() {
        return true;
    }

    @Override
    public void progressed(ExecutionSnapshot execution, String note) {
        Optional<Long> installation = installation(execution);
        if (installation.isEmpty()) {
            return;
        }
        String state = execution.badge() + "/" + execution.cursor().taskId();
        if (state.equals(lastProgress.put(execution.id(), state))) {
            return;
        }
        String reason = execution.reason().orElse(note);
        Optional<ProgressReport.Ending> ending =
                execution.badge() == Badge.BLOCKED && execution.cursor().taskId() != null
                        ? Optional.of(blocked(execution, installation.get(), reason))
                        : ending(execution, reason);
        issue(execution.id()).ifPresent(issue -> comment(execution, installation.get(), issue, ending));
        if (ExecutionSnapshot.hasEnded(execution.badge())) {
            ended(
                    execution,
                    installation.get(),
                    reason,
                    ending.map(ProgressReport.Ending::whatToDo).orElse(null));
        }
    }

    private void comment(
            ExecutionSnapshot execution, long installation, int issue, Optional<ProgressReport.Ending> ending) {
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
            outbox.submit(GitHubPublisher.progress(
                    installation,
                    RepoRef.parse(execution.repository()),
                    issue,
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

    /**
     * An item in HUMAN_REVIEW gets a check run with conclusion {@code action_required} on its branch head, listing
     * its failures and the failing criteria of its last VERIFY with their output excerpts, when its branch is on GitHub (Clarity pushed it: the item has a pull request). Returns what the
     * progress comment adds: {@code ""} when the run was written, else one sentence saying why there is none. A
     * GitHub that does not take the write is logged; the comment still goes out.
     */
    private String reviewCheckRun(
            long installation, ExecutionSnapshot execution, List<TaskRunRecord> runs, String note) {
        String taskId = execution.cursor().taskId();
        if (execution.cursor().step() != Step.HUMAN_REVIEW || taskId == null) {
            return "";
        }
        Optional<TaskRunRecord> run =
                runs.stream().filter(r -> r.taskId().equals(taskId)).findFirst();
        if (run.isEmpty() || run.get().prUrl() == null || run.get().commit() == null) {
            return " There is no check run: the branch of item " + taskId
                    + " was never pushed, so GitHub has no commit to show one on; the failures are listed here.";
        }
        TaskRunRecord r = run.get();
        List<String> failures = r.errorSummary() == null || r.errorSummary().isBlank()
                ? List.of()
                : List.of(r.errorSummary().split("; "));
        // the failing criteria of the last VERIFY with their output excerpts, as the pull request body shows them
        List<CriterionResult> criteria = store.failedCriteria(execution.id(), taskId).stream()
                .map(c -> result(c.key(), Verdict.FAILED, c))
                .toList();
        TaskReport report = new TaskReport(
                execution.id(), taskId, r.title(), r.title(), criteria, r.attempts(), r.tool(), r.branch(), null);
        try {
            github.createOrUpdateCheckRun(
                    installation,
                    RepoRef.parse(execution.repository()),
                    CheckRunOutput.needsPerson(report, r.commit(), detailsUrl(execution), note, failures));
            return "";
        } catch (GitHubException e) {
            log.warn("GitHub did not take the check run of item {} in review: {}", taskId, e.getMessage());
            return " GitHub did not take the check run of item " + taskId + " (" + e.getMessage() + ").";
        }
    }

    /**
     * The execution's own check run, completed with its reason sentence, on the last commit Clarity pushed for it
     * (else the head of the default branch). Written at once, not through the outbox: when GitHub does not take it,
     * the warning is logged and the progress comment and the dashboard still say why; the next end writes it again.
     */
    private void ended(ExecutionSnapshot execution, long installation, String reason, String whatToDo) {
        RepoRef repo = RepoRef.parse(execution.repository());
        try {
            String sha = store.taskRuns(execution.id()).stream()
                    .filter(r -> r.prUrl() != null && r.commit() != null)
                    .reduce((first, second) -> second)
                    .map(TaskRunRecord::commit)
                    .orElseGet(() -> github.branchHead(installation, repo, execution.defaultBranch()));
            github.createOrUpdateCheckRun(
                    installation,
                    repo,
                    dev.clarity.bot.render.CheckRunOutput.executionEnded(
                            execution.id(),
                            execution.badge().spelling(),
                            reason,
                            whatToDo,
                            sha,
                            detailsUrl(execution)));
        } catch (GitHubException e) {
            log.warn("GitHub did not take the check run of execution {}: {}", execution.id(), e.getMessage());
        }
    }

    /**
     * How the comment says the execution ended: the stored reason sentence (the same the JSON summary and the
     * execution page show) after the badge's word, and what a person can do about it. Empty while it runs.
     */
    static Optional<ProgressReport.Ending> ending(ExecutionSnapshot execution, String reason) {
        return switch (execution.badge()) {
            case COMPLETED -> Optional.of(new ProgressReport.Ending("Completed: " + reason + ".", ""));
            case PAUSED -> Optional.of(paused(execution, reason));
            case BLOCKED ->
                Optional.of(new ProgressReport.Ending(
                        "A person is needed: " + reason + ".",
                        "Fix it and comment `/clarity retry`, or "
                                + Markdown.code(
                                        "/clarity skip " + execution.cursor().taskId()) + "."));
            case STOPPED ->
                Optional.of(new ProgressReport.Ending(
                        "Stopped: " + reason + ".", "Comment `/clarity resume` to continue where it stopped."));
            case FAILED ->
                Optional.of(new ProgressReport.Ending(
                        "Failed: " + reason + ".", "Fix what the sentence above names, then start a new run."));
            default -> Optional.empty();
        };
    }

    /**
     * The ending of an execution waiting for a person: the reason, the item's review check run (or why there is none)
     * and what to comment — approve when the item waits on a hold, else retry or skip.
     */
    private ProgressReport.Ending blocked(ExecutionSnapshot execution, long installation, String reason) {
        String taskId = execution.cursor().taskId();
        return new ProgressReport.Ending(
                "A person is needed: " + reason + "."
                        + reviewCheckRun(installation, execution, store.taskRuns(execution.id()), reason),
                held(execution)
                        ? "Comment " + Markdown.code("/clarity approve " + taskId)
                                + " to accept the held change (its diff is in the run's log),"
                                + " `/clarity retry` to try again without it, or "
                                + Markdown.code("/clarity skip " + taskId) + "."
                        : "Fix it and comment `/clarity retry`, or " + Markdown.code("/clarity skip " + taskId) + ".");
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

    /** True when the current item waits on a hold (a protected change or a risky diff) that approval continues. */
    private boolean held(ExecutionSnapshot execution) {
        var h = dev.clarity.migrations.jooq.Tables.EXECUTION_HOLDS;
        return execution.cursor().taskId() != null
                && dsl.fetchExists(
                        h,
                        h.EXECUTION_ID
                                .eq(execution.id())
                                .and(h.TASK_ID.eq(execution.cursor().taskId()))
                                .and(h.APPROVED_BY.isNull())
                                .and(h.DROPPED_AT.isNull()));
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
