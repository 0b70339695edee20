package dev.clarity.bot.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** GitHub's JSON bodies read into our records; the only place that knows GitHub's field names for responses. */
public final class GitHubJson {
    private GitHubJson() {}

    public static IssueComment comment(JsonNode n) {
        return new IssueComment(
                n.path("id").asLong(),
                n.path("body").asText(""),
                n.path("html_url").asText(null),
                n.path("user").path("login").asText(null),
                n.path("user").path("type").asText(null),
                n.path("performed_via_github_app").path("id").asLong(0));
    }

    public static PullRequest pullRequest(JsonNode n) {
        return new PullRequest(
                n.path("number").asInt(),
                n.path("html_url").asText(null),
                n.path("head").path("ref").asText(null),
                n.path("base").path("ref").asText(null),
                n.path("state").asText(null),
                n.path("merged").asBoolean(false)
                        || !n.path("merged_at").isMissingNode()
                                && !n.path("merged_at").isNull());
    }

    public static CheckRun checkRun(JsonNode n) {
        return new CheckRun(
                n.path("id").asLong(),
                n.path("name").asText(null),
                n.path("external_id").asText(""),
                n.path("status").asText(null),
                n.path("conclusion").isNull() ? null : n.path("conclusion").asText(null),
                n.path("html_url").asText(null));
    }

    /** The slug of the App {@code GET /app} describes: its bot user is {@code <slug>[bot]}. */
    public static String appSlug(JsonNode n) {
        String slug = n.path("slug").asText("");
        if (slug.isEmpty()) {
            throw new GitHubException("reading the App: slug missing", 0, null);
        }
        return slug;
    }

    public static InstallationToken token(JsonNode n) {
        String token = n.path("token").asText(null);
        String expires = n.path("expires_at").asText(null);
        if (token == null || expires == null) {
            throw new GitHubException("reading an installation token: token or expires_at missing", 0, null);
        }
        return new InstallationToken(token, Instant.parse(expires));
    }

    public static InstallationRepository repository(JsonNode n) {
        return new InstallationRepository(
                n.path("id").asLong(),
                RepoRef.parse(n.path("full_name").asText()),
                n.path("default_branch").asText(null),
                n.path("clone_url").asText(null),
                n.path("private").asBoolean(false));
    }

    public static Permission permission(JsonNode n) {
        String role = n.path("role_name").asText(null);
        Permission fromRole = role == null ? Permission.NONE : Permission.fromGitHub(role);
        return fromRole != Permission.NONE
                ? fromRole
                : Permission.fromGitHub(n.path("permission").asText(null));
    }

    public static MergeOutcome merge(JsonNode n) {
        return n.path("merged").asBoolean(false)
                ? new MergeOutcome.Merged(n.path("sha").asText(null))
                : new MergeOutcome.Refused(n.path("message").asText("not merged"));
    }
}
