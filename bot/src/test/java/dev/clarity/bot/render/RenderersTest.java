package dev.clarity.bot.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.github.CheckRunRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenderersTest {
    static final TaskReport LOGIN = RenderersFixtures.LOGIN;
    static final List<TaskLine> TREE = RenderersFixtures.TREE;

    @Test
    void pull_request_body_shows_the_task_its_evidence_attempts_tool_and_artifacts() {
        assertThat(PullRequestBody.title(LOGIN)).isEqualTo("Task 2.3: Add the login form");
        Golden.assertMatches("pull-request-body.md", PullRequestBody.render(LOGIN));
    }

    @Test
    void check_run_of_a_failed_task_has_a_summary_table_and_an_annotation_per_located_failure() {
        CheckRunRequest run = CheckRunOutput.completed(LOGIN, "89a9ae301e35e667756034fdc933b1fc94f63fc1", null);

        assertThat(run.name()).isEqualTo("Clarity 2.3");
        assertThat(run.externalId()).isEqualTo("7/2.3");
        assertThat(run.conclusion()).isEqualTo("failure");
        assertThat(run.title()).isEqualTo("1 of 3 criteria failed");
        assertThat(run.annotations())
                .containsExactly(new CheckRunRequest.Annotation(
                        "src/test/java/LoginTest.java",
                        42,
                        42,
                        "failure",
                        "B",
                        "LoginTest.rejects_wrong_password:\nexpected 401 but was 200"));
        Golden.assertMatches("check-run-summary.md", run.summary());
    }

    @Test
    void a_started_check_run_is_in_progress_without_output() {
        CheckRunRequest run = CheckRunOutput.started(LOGIN, "89a9ae301e35e667756034fdc933b1fc94f63fc1", null);
        assertThat(run.status()).isEqualTo("in_progress");
        assertThat(run.conclusion()).isNull();
        assertThat(run.summary()).isNull();
    }

    @Test
    void progress_comment_while_running_shows_tree_step_counts_elapsed_and_estimate() {
        ProgressReport report = new ProgressReport(
                7,
                "acme/shop",
                "TASK-EXECUTING",
                TREE,
                "2.3",
                "VERIFY",
                Duration.ofMinutes(24),
                ProgressReport.estimate(Duration.ofMinutes(24), 2, 6),
                Optional.empty());

        String body = ProgressComment.render(report);

        assertThat(body).startsWith(ProgressComment.marker(7));
        Golden.assertMatches("progress-running.md", body);
    }

    @Test
    void final_progress_update_says_what_a_person_must_do() {
        List<TaskLine> blocked = List.of(
                new TaskLine("1", "Project skeleton", TaskStatus.DONE, 0),
                new TaskLine("2", "Accounts", TaskStatus.BLOCKED, 0),
                new TaskLine("2.3", "Add the login form", TaskStatus.BLOCKED, 1));
        ProgressReport report = new ProgressReport(
                7,
                "acme/shop",
                "BLOCKED",
                blocked,
                "2.3",
                "HUMAN_REVIEW",
                Duration.ofMinutes(75).plusSeconds(20),
                Optional.empty(),
                Optional.of(
                        new ProgressReport.Ending(
                                "Blocked on item 2.3",
                                "criterion B still fails after 3 repair attempts. Fix it on branch "
                                        + "`task/2.3-add-the-login-form` and comment `/clarity retry 2.3`, or `/clarity skip 2.3`.")));

        Golden.assertMatches("progress-blocked.md", ProgressComment.render(report));
    }

    static final String Z = "\u200D";

    @Test
    void a_hostile_title_in_a_pull_request_mentions_nobody_renders_nothing_and_keeps_the_table_whole() {
        String title = PullRequestBody.title(RenderersFixtures.HOSTILE);
        String body = PullRequestBody.render(RenderersFixtures.HOSTILE);

        assertThat(title)
                .isEqualTo("Task 2.4: Fix @" + Z + "org/team ![x](http:" + Z
                        + "//evil/p.png) <!-- clarity:progress:1 --> " + "</details> | a");
        Hostile.assertHarmless(body);
        Hostile.assertTables(body, "3x3", "4x2");
        assertThat(body).doesNotContain("#1.").contains("Closes #" + Z + "1.");
        Golden.assertMatches("pull-request-body-hostile.md", body);
    }

    @Test
    void a_hostile_title_in_a_check_run_mentions_nobody_and_renders_nothing() {
        CheckRunRequest run =
                CheckRunOutput.completed(RenderersFixtures.HOSTILE, "89a9ae301e35e667756034fdc933b1fc94f63fc1", null);

        assertThat(run.name()).isEqualTo("Clarity 2.4");
        assertThat(run.title()).isEqualTo("1 of 2 criteria failed");
        Hostile.assertHarmless(run.summary());
        Hostile.assertTables(run.summary(), "3x3");
        Golden.assertMatches("check-run-summary-hostile.md", run.summary());
    }

    @Test
    void a_hostile_title_in_the_progress_comment_keeps_the_details_block_and_the_marker_clarity_wrote() {
        List<TaskLine> tree = List.of(
                new TaskLine("1", "Project skeleton", TaskStatus.DONE, 0),
                new TaskLine("2.4", RenderersFixtures.HOSTILE_TITLE, TaskStatus.RUNNING, 0));
        ProgressReport report = new ProgressReport(
                7,
                "acme/shop",
                "BLOCKED",
                tree,
                "2.4",
                "VERIFY",
                Duration.ofMinutes(3),
                Optional.empty(),
                Optional.of(new ProgressReport.Ending("A person is needed: " + RenderersFixtures.HOSTILE_TITLE, null)));

        String body = ProgressComment.render(report);

        Hostile.assertHarmless(body);
        Hostile.assertTables(body, "2x4");
        assertThat(body.lines().filter(l -> l.startsWith("<!--"))).containsExactly(ProgressComment.marker(7));
        assertThat(body.lines().filter(l -> l.contains("details>"))).containsExactly("</details>");
        assertThat(dev.clarity.bot.markdown.GitHubFlavor.html(body))
                .containsOnlyOnce("<details open>")
                .containsOnlyOnce("</details>");
        Golden.assertMatches("progress-hostile.md", body);
    }

    @Test
    void the_estimate_follows_the_pace_so_far() {
        assertThat(ProgressReport.estimate(Duration.ofMinutes(30), 3, 9)).contains(Duration.ofMinutes(60));
        assertThat(ProgressReport.estimate(Duration.ofMinutes(30), 0, 9)).isEmpty();
        assertThat(ProgressReport.estimate(Duration.ofMinutes(30), 9, 9)).contains(Duration.ZERO);
    }

    private static final String USAGE =
            "203,114 tokens (180,000 in, 23,114 out) · $0.8867 · claude-sonnet-4-5, gpt-4o_mini|x";

    private static TaskReport withUsage(TaskReport t) {
        return new TaskReport(
                t.executionId(),
                t.taskId(),
                t.title(),
                t.goal(),
                t.criteria(),
                t.attempts(),
                t.tool(),
                t.branch(),
                t.artifactsUrl(),
                USAGE);
    }

    @Test
    void pull_request_body_and_check_run_show_the_model_usage_of_the_item() {
        Golden.assertMatches("pull-request-body-usage.md", PullRequestBody.render(withUsage(LOGIN)));
        Golden.assertMatches(
                "check-run-summary-usage.md",
                CheckRunOutput.completed(withUsage(LOGIN), "89a9ae301e35e667756034fdc933b1fc94f63fc1", null)
                        .summary());
    }

    @Test
    void progress_comment_shows_the_model_usage_of_the_execution_so_far() {
        ProgressReport report = new ProgressReport(
                7,
                "acme/shop",
                "TASK-EXECUTING",
                TREE,
                "2.3",
                "VERIFY",
                Duration.ofMinutes(24),
                ProgressReport.estimate(Duration.ofMinutes(24), 2, 6),
                Optional.empty(),
                2,
                6,
                USAGE);

        Golden.assertMatches("progress-running-usage.md", ProgressComment.render(report));
    }
}
