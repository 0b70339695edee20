package dev.clarity.bot.github;

import java.util.List;
import java.util.Optional;

/**
 * Everything Clarity asks of or writes to GitHub, as the App's installation {@code installationId}. Every write is
 * idempotent: what can be found again (a pull request by its head branch, a check run by its external id, a comment
 * of this App by its hidden marker) is found before it is created. A comment is edited by the id its creation
 * returned (the caller stores it); its marker is only a way back to that id after the answer was lost, and only
 * comments this App wrote are ever considered, whatever other comments contain. Implementations retry rate limits
 * and server errors themselves and throw {@link GitHubException} only when GitHub keeps refusing. Thread-safe.
 */
public interface GitHubGateway {
    /** The person's role on the repository; {@link Permission#NONE} when they are not a collaborator. */
    Permission permission(long installationId, RepoRef repo, String login);

    /** Adds a reaction ({@code eyes}, {@code +1}, …) to an issue or pull request comment; repeating it is harmless. */
    void addReaction(long installationId, RepoRef repo, long commentId, String content);

    /**
     * Creates the comment (the caller has looked with {@link #findOwnComment} first). When GitHub's answer is a
     * server error, the creation may still have happened: this App's comment holding {@code marker} is looked for
     * before it is tried again, so it is not made twice. {@code body} must hold the marker as a line of its own.
     */
    IssueComment createComment(long installationId, RepoRef repo, int issueNumber, String marker, String body);

    /** Edits comment {@code commentId}; a comment that is gone is a {@link GitHubException} with status 404. */
    IssueComment editComment(long installationId, RepoRef repo, long commentId, String body);

    /**
     * The first comment on the issue that this App wrote (its bot user, through this App) and that holds
     * {@code marker} as a line of its own. Comments by anyone else are never returned, whatever they contain.
     */
    Optional<IssueComment> findOwnComment(long installationId, RepoRef repo, int issueNumber, String marker);

    /** True when {@code body} holds {@code marker} as a line of its own (how Clarity writes its markers). */
    static boolean holdsMarker(String body, String marker) {
        return body != null
                && marker != null
                && body.lines().anyMatch(line -> line.strip().equals(marker));
    }

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

    /** The commit {@code branch} points at on GitHub now. */
    String branchHead(long installationId, RepoRef repo, String branch);
}
