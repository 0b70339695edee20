package dev.clarity.bot.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarity.testkit.github.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every recorded real GitHub body the adapter reads goes through the adapter's own reading code. */
class RecordedBodiesTest {
    @Test
    void installation_tokens() {
        for (String name : new String[] {
            "app.installation-access-token.ghs-format.201.json",
            "app.installation-access-token.checks-app.201.json",
            "app.installation-access-token.no-body.201.json",
            "app.installation-access-token.with-permissions-and-repos.201.json",
            "app.installation-access-token.with-repositories.201.json"
        }) {
            InstallationToken token = GitHubJson.token(Fixtures.api(name));
            assertThat(token.token()).as(name).isNotBlank();
            assertThat(token.expiresAt()).as(name).isAfter(Instant.parse("2019-01-01T00:00:00Z"));
        }
        assertThat(GitHubJson.token(Fixtures.api("app.installation-access-token.ghs-format.201.json"))
                        .expiresAt())
                .isEqualTo(Instant.parse("2022-09-21T16:16:08Z"));
    }

    @Test
    void comments() {
        IssueComment created = GitHubJson.comment(Fixtures.api("issue-comments.create.201.json"));
        assertThat(created.id()).isEqualTo(1254853505L);
        assertThat(created.authorLogin()).isEqualTo("yrodiere");
        assertThat(created.htmlUrl()).endsWith("#issuecomment-1254853505");
        JsonNode list = Fixtures.api("issue-comments.list-one.200.json");
        assertThat(GitHubJson.comment(list.get(0)).id()).isPositive();
        assertThat(GitHubJson.comment(Fixtures.api("pulls.comment-on-pr.create.201.json"))
                        .body())
                .isNotNull();
    }

    @Test
    void pull_requests() {
        PullRequest created = GitHubJson.pullRequest(Fixtures.api("pulls.create.201.json"));
        assertThat(created.number()).isPositive();
        assertThat(created.state()).isEqualTo("open");
        assertThat(created.head()).isNotBlank();
        assertThat(created.base()).isNotBlank();
        assertThat(created.merged()).isFalse();
        assertThat(GitHubJson.pullRequest(
                                Fixtures.api("pulls.list-open.200.json").get(0))
                        .number())
                .isEqualTo(273);
        assertThat(GitHubJson.pullRequest(Fixtures.api("pulls.close-patch.200.json"))
                        .state())
                .isEqualTo("closed");
        assertThat(GitHubJson.pullRequest(Fixtures.api("pulls.create-draft.201.json"))
                        .htmlUrl())
                .contains("/pull/");
        assertThat(GitHubJson.merge(Fixtures.api("pulls.merge-squash.200.json")))
                .isInstanceOf(MergeOutcome.Merged.class);
    }

    @Test
    void check_runs() {
        CheckRun inProgress = GitHubJson.checkRun(Fixtures.api("check-runs.create-in_progress.201.json"));
        assertThat(inProgress.id()).isEqualTo(1424883451L);
        assertThat(inProgress.status()).isEqualTo("in_progress");
        assertThat(inProgress.conclusion()).isNull();
        CheckRun completed = GitHubJson.checkRun(Fixtures.api("check-runs.create-completed.201.json"));
        assertThat(completed.status()).isEqualTo("completed");
        assertThat(completed.conclusion()).isNotNull();
        for (String name : new String[] {
            "check-runs.update.create-step.201.json",
            "check-runs.update.patch.200.json",
            "check-runs.update-with-name.patch.200.json"
        }) {
            assertThat(GitHubJson.checkRun(Fixtures.api(name)).id()).as(name).isPositive();
        }
    }

    @Test
    void repositories() {
        JsonNode list = Fixtures.api("installation.repositories.list.200.json");
        assertThat(list.path("repositories")).isNotEmpty();
        for (JsonNode r : list.path("repositories")) {
            InstallationRepository repo = GitHubJson.repository(r);
            assertThat(repo.repo().owner()).isNotBlank();
            assertThat(repo.defaultBranch()).isNotBlank();
        }
        assertThat(GitHubJson.repository(Fixtures.api("repos.get.test-checks.200.json"))
                        .repo()
                        .fullName())
                .isEqualTo("hub4j-test-org/test-checks");
    }
}
