package dev.clarity.bot.github;

import dev.clarity.runner.redaction.KnownSecrets;
import java.util.List;
import java.util.Optional;

/**
 * The last redaction before text reaches GitHub: every comment, pull request title and body, and check run output
 * (title, summary, text, annotation titles and messages) is redacted with the secrets the process holds and the
 * credential shapes, whatever rendered it; each installation token minted through it is learned first, so a token
 * that a tool echoed never comes back on GitHub. Reads pass through. Thread-safe as its delegate is.
 */
public final class RedactingGitHubGateway implements GitHubGateway {
    private final GitHubGateway github;
    private final KnownSecrets secrets;

    public RedactingGitHubGateway(GitHubGateway github, KnownSecrets secrets) {
        this.github = github;
        this.secrets = secrets;
    }

    @Override
    public Permission permission(long installationId, RepoRef repo, String login) {
        return github.permission(installationId, repo, login);
    }

    @Override
    public void addReaction(long installationId, RepoRef repo, long commentId, String content) {
        github.addReaction(installationId, repo, commentId, content);
    }

    @Override
    public IssueComment createComment(long installationId, RepoRef repo, int issueNumber, String marker, String body) {
        return github.createComment(installationId, repo, issueNumber, marker, secrets.redact(body));
    }

    @Override
    public IssueComment editComment(long installationId, RepoRef repo, long commentId, String body) {
        return github.editComment(installationId, repo, commentId, secrets.redact(body));
    }

    @Override
    public Optional<IssueComment> findOwnComment(long installationId, RepoRef repo, int issueNumber, String marker) {
        return github.findOwnComment(installationId, repo, issueNumber, marker);
    }

    @Override
    public PullRequest openOrUpdatePullRequest(
            long installationId, RepoRef repo, String head, String base, String title, String body) {
        return github.openOrUpdatePullRequest(
                installationId, repo, head, base, secrets.redact(title), secrets.redact(body));
    }

    @Override
    public PullRequest updatePullRequestBase(long installationId, RepoRef repo, int number, String base) {
        return github.updatePullRequestBase(installationId, repo, number, base);
    }

    @Override
    public CheckRun createOrUpdateCheckRun(long installationId, RepoRef repo, CheckRunRequest r) {
        List<CheckRunRequest.Annotation> annotations = r.annotations().stream()
                .map(a -> new CheckRunRequest.Annotation(
                        a.path(),
                        a.startLine(),
                        a.endLine(),
                        a.level(),
                        secrets.redact(a.title()),
                        secrets.redact(a.message())))
                .toList();
        return github.createOrUpdateCheckRun(
                installationId,
                repo,
                new CheckRunRequest(
                        r.name(),
                        r.headSha(),
                        r.externalId(),
                        r.status(),
                        r.conclusion(),
                        r.detailsUrl(),
                        secrets.redact(r.title()),
                        secrets.redact(r.summary()),
                        secrets.redact(r.text()),
                        annotations));
    }

    @Override
    public InstallationToken installationToken(long installationId) {
        InstallationToken token = github.installationToken(installationId);
        secrets.add(token.token());
        return token;
    }

    @Override
    public List<InstallationRepository> installationRepositories(long installationId) {
        return github.installationRepositories(installationId);
    }

    @Override
    public MergeOutcome mergePullRequest(long installationId, RepoRef repo, int number, String method) {
        return github.mergePullRequest(installationId, repo, number, method);
    }

    @Override
    public String defaultBranch(long installationId, RepoRef repo) {
        return github.defaultBranch(installationId, repo);
    }

    @Override
    public String branchHead(long installationId, RepoRef repo, String branch) {
        return github.branchHead(installationId, repo, branch);
    }
}
