package dev.clarity.bot.github;

import java.util.List;
import java.util.Optional;

/**
 * Everything Clarity asks of or writes to GitHub, as the App's installation {@code installationId}. Every write is
 * idempotent: what can be found again (a comment by its hidden marker, a pull request by its head branch, a check
 * run by its external id) is found before it is created. Implementations retry rate limits and server errors
 * themselves and throw {@link GitHubException} only when GitHub keeps refusing. Thread-safe.
 */
public interface GitHubGateway {
    /** The person's role on the repository; {@link Permission#NONE} when they are not a collaborator. */
    Permission permission(long installationId, RepoRef repo, String login);

    /** Adds a reaction ({@code eyes}, {@code +1}, …) to an issue or pull request comment; repeating it is harmless. */
    void addReaction(long installationId, RepoRef repo, long commentId, String content);

    IssueComment createComment(long installationId, RepoRef repo, int issueNumber, String body);

    IssueComment editComment(long installationId, RepoRef repo, long commentId, String body);

    /** The first comment on the issue whose body contains {@code marker}. */
    Optional<IssueComment> findComment(long installationId, RepoRef repo, int issueNumber, String marker);

    /**
     * Edits the comment carrying {@code marker} in place, or creates it; {@code body} must contain the marker so
     * that the comment is found again.
     */
    IssueComment upsertComment(long installationId, RepoRef repo, int issueNumber, String marker, String body);

    /** The open pull request from {@code head} with its title and body brought up to date, or a new one. */
    PullRequest openOrUpdatePullRequest(
            long installationId, RepoRef repo, String head, String base, String title, String body);

    PullRequest updatePullRequestBase(long installationId, RepoRef repo, int number, String base);

    /** Creates the check run with this external id on this commit, or updates the one already there. */
    CheckRun createOrUpdateCheckRun(long installationId, RepoRef repo, CheckRunRequest request);

    /** A token for clone and push; cached until five minutes before it expires. */
    InstallationToken installationToken(long installationId);

    List<InstallationRepository> installationRepositories(long installationId);

    /** {@code method} is merge, squash or rebase. */
    MergeOutcome mergePullRequest(long installationId, RepoRef repo, int number, String method);

    String defaultBranch(long installationId, RepoRef repo);
}
