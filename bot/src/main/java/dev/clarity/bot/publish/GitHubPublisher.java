package dev.clarity.bot.publish;

import dev.clarity.bot.github.CheckRun;
import dev.clarity.bot.github.GitHubGateway;
import dev.clarity.bot.github.PullRequest;
import dev.clarity.bot.github.RepoRef;
import dev.clarity.bot.outbox.PendingWrite;
import dev.clarity.bot.render.CheckRunOutput;
import dev.clarity.bot.render.ProgressComment;
import dev.clarity.bot.render.ProgressReport;
import dev.clarity.bot.render.PullRequestBody;
import dev.clarity.bot.render.TaskReport;

/**
 * What the orchestrator's PREP and PUSH steps and its progress updates write on GitHub. Every write is idempotent
 * (the gateway finds before it creates), so running a step twice after a restart writes nothing twice. Pull
 * requests and check runs are written by the step itself (which is retried until GitHub takes them); the progress
 * comment goes through the outbox. Thread-safe.
 */
public final class GitHubPublisher {
    private final GitHubGateway github;

    public GitHubPublisher(GitHubGateway github) {
        this.github = github;
    }

    /** PREP: the task's check run, in progress, on the commit the branch starts from. */
    public CheckRun taskStarted(long installationId, RepoRef repo, TaskReport task, String headSha, String detailsUrl) {
        return github.createOrUpdateCheckRun(installationId, repo, CheckRunOutput.started(task, headSha, detailsUrl));
    }

    /**
     * PUSH: the pull request from the task branch into {@code base} (the previous task's branch under the stacked
     * policy, the default branch otherwise), then the check run completed on the pushed commit.
     */
    public Published taskPushed(
            long installationId, RepoRef repo, TaskReport task, String base, String headSha, String detailsUrl) {
        PullRequest pr = github.openOrUpdatePullRequest(
                installationId, repo, task.branch(), base, PullRequestBody.title(task), PullRequestBody.render(task));
        CheckRun run = github.createOrUpdateCheckRun(
                installationId, repo, CheckRunOutput.completed(task, headSha, detailsUrl));
        return new Published(pr, run);
    }

    /**
     * The execution's progress comment on the issue or pull request it was started from, as a write for the outbox:
     * edited in place (by the comment id the outbox stored when it made it), a newer update replacing one still
     * pending.
     */
    public static PendingWrite.Progress progress(
            long installationId, RepoRef repo, int issueNumber, ProgressReport report) {
        return new PendingWrite.Progress(
                installationId,
                repo,
                issueNumber,
                report.executionId(),
                ProgressComment.marker(report.executionId()),
                ProgressComment.render(report));
    }

    /** The pull request and check run of a pushed task. */
    public record Published(PullRequest pullRequest, CheckRun checkRun) {}
}
