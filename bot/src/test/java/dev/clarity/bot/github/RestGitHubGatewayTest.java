package dev.clarity.bot.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.testkit.github.FakeGitHub;
import dev.clarity.testkit.github.GitHubWrite;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestGitHubGatewayTest {
    static final RepoRef SHOP = RepoRef.parse("acme/shop");
    final ManualTime time = new ManualTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final RecordingSleeper sleeper = new RecordingSleeper(time);
    final FakeGitHub fake = FakeGitHub.start(TestGateways.APP_ID).installation(11, "acme/shop");
    final RestGitHubGateway github = TestGateways.against(fake.apiUrl(), time, sleeper);

    @AfterEach
    void stop() {
        fake.close();
    }

    private List<String> writeLines() {
        return fake.repositoryWrites().stream().map(GitHubWrite::line).toList();
    }

    @Test
    void permissions_come_from_the_role_name_and_strangers_have_none() {
        fake.permission("acme/shop", "ana", "maintain").permission("acme/shop", "bo", "read");
        assertThat(github.permission(11, SHOP, "ana")).isEqualTo(Permission.MAINTAIN);
        assertThat(github.permission(11, SHOP, "bo")).isEqualTo(Permission.READ);
        assertThat(github.permission(11, SHOP, "eve")).isEqualTo(Permission.NONE);
    }

    @Test
    void one_installation_token_serves_many_calls() {
        github.permission(11, SHOP, "ana");
        github.defaultBranch(11, SHOP);
        github.installationRepositories(11);
        assertThat(fake.tokensIssued()).isEqualTo(1);
        assertThat(github.installationToken(11).token()).startsWith("ghs_fake_11_");
    }

    @Test
    void a_comment_is_made_once_and_found_again_by_its_marker_only_among_the_apps_own_comments() {
        String marker = "<!-- clarity:progress:1 -->";
        fake.personComment("acme/shop", 3, "mallory", "look: \n" + marker + "\n");
        fake.comment("acme/shop", 3, "other-app[bot]", "Bot", 999, marker);

        assertThat(github.findOwnComment(11, SHOP, 3, marker)).isEmpty();
        IssueComment made = github.createComment(11, SHOP, 3, marker, "one\n" + marker);
        IssueComment edited = github.editComment(11, SHOP, made.id(), "two\n" + marker);

        assertThat(github.findOwnComment(11, SHOP, 3, marker))
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(made.id()));
        assertThat(edited.authorLogin()).isEqualTo(FakeGitHub.SLUG + "[bot]");
        assertThat(edited.viaAppId()).isEqualTo(TestGateways.APP_ID);
        assertThat(fake.comments("acme/shop", 3))
                .extracting(c -> c.path("body").asText())
                .containsExactly("look: \n" + marker + "\n", marker, "two\n" + marker);
        assertThat(writeLines())
                .containsExactly(
                        "POST /repos/acme/shop/issues/3/comments 201",
                        "PATCH /repos/acme/shop/issues/comments/" + made.id() + " 200");
    }

    @Test
    void a_comment_whose_creation_answer_was_lost_is_found_not_made_twice() {
        String marker = "<!-- clarity:reply:9 -->";
        fake.failOnce("POST", "/repos/acme/shop/issues/3/comments", 502, Map.of(), true);

        IssueComment made = github.createComment(11, SHOP, 3, marker, "answer\n\n" + marker);

        assertThat(fake.comments("acme/shop", 3))
                .singleElement()
                .satisfies(c -> assertThat(c.path("id").asLong()).isEqualTo(made.id()));
        assertThat(writeLines()).containsExactly("POST /repos/acme/shop/issues/3/comments 502");
    }

    @Test
    void a_marker_quoted_inside_a_line_is_not_a_marker() {
        String marker = "<!-- clarity:progress:1 -->";
        github.createComment(
                11, SHOP, 3, "<!-- clarity:progress:2 -->", "title `" + marker + "`\n<!-- clarity:progress:2 -->");

        assertThat(github.findOwnComment(11, SHOP, 3, marker)).isEmpty();
        assertThatThrownBy(() -> github.createComment(11, SHOP, 3, marker, "text " + marker))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("as a line");
    }

    @Test
    void the_apps_bot_is_recognised_by_its_login_when_github_names_no_app() {
        String marker = "<!-- clarity:reply:7 -->";
        fake.comment("acme/shop", 3, FakeGitHub.SLUG + "[bot]", "User", 0, "answer\n\n" + marker);
        long bot = fake.comment("acme/shop", 3, FakeGitHub.SLUG + "[bot]", "Bot", 0, "answer\n\n" + marker);

        assertThat(github.findOwnComment(11, SHOP, 3, marker))
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(bot));
        assertThat(fake.requests()).contains("GET /app");
    }

    @Test
    void a_pull_request_is_found_by_its_head_branch_before_a_new_one_is_opened() {
        PullRequest opened =
                github.openOrUpdatePullRequest(11, SHOP, "task/1-login", "main", "Task 1: Login", "body 1");
        PullRequest again = github.openOrUpdatePullRequest(11, SHOP, "task/1-login", "main", "Task 1: Login", "body 2");
        PullRequest rebased = github.updatePullRequestBase(11, SHOP, opened.number(), "task/0-setup");

        assertThat(again.number()).isEqualTo(opened.number());
        assertThat(rebased.base()).isEqualTo("task/0-setup");
        assertThat(fake.pulls("acme/shop")).hasSize(1);
        assertThat(fake.pulls("acme/shop").getFirst().path("body").asText()).isEqualTo("body 2");
    }

    @Test
    void a_check_run_is_found_by_its_external_id_and_updated() {
        CheckRunRequest running = new CheckRunRequest(
                "Clarity 1",
                "89a9ae301e35e667756034fdc933b1fc94f63fc1",
                "7/1",
                "in_progress",
                null,
                null,
                null,
                null,
                null,
                List.of());
        CheckRun created = github.createOrUpdateCheckRun(11, SHOP, running);
        CheckRun done = github.createOrUpdateCheckRun(
                11,
                SHOP,
                new CheckRunRequest(
                        "Clarity 1",
                        running.headSha(),
                        "7/1",
                        "completed",
                        "failure",
                        null,
                        "1 of 2 criteria failed",
                        "summary",
                        null,
                        List.of(new CheckRunRequest.Annotation(
                                "src/Login.java", 12, 12, "failure", "test.unit", "expected 200"))));

        assertThat(done.id()).isEqualTo(created.id());
        assertThat(done.conclusion()).isEqualTo("failure");
        assertThat(fake.checkRuns("acme/shop")).singleElement().satisfies(run -> {
            assertThat(run.path("output")
                            .path("annotations")
                            .get(0)
                            .path("path")
                            .asText())
                    .isEqualTo("src/Login.java");
            assertThat(run.path("external_id").asText()).isEqualTo("7/1");
        });
    }

    @Test
    void a_429_with_retry_after_is_waited_out_and_the_write_is_not_dropped() {
        fake.failOnce(
                "POST", "/repos/acme/shop/issues/comments/\\d+/reactions", 429, Map.of("Retry-After", "7"), false);

        github.addReaction(11, SHOP, 99, "eyes");

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
        assertThat(fake.reactions(99)).containsExactly("eyes");
    }

    @Test
    void an_exhausted_primary_rate_limit_waits_until_the_reset_time() {
        long reset = time.instant().plusSeconds(120).getEpochSecond();
        fake.failOnce(
                "GET",
                "/repos/acme/shop",
                403,
                Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset)),
                false);

        assertThat(github.defaultBranch(11, SHOP)).isEqualTo("main");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(120));
    }

    @Test
    void a_rate_limit_that_outlasts_the_attempts_says_when_it_ends() {
        RestGitHubGateway once = TestGateways.against(
                fake.apiUrl(),
                time,
                sleeper,
                new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1)));
        Instant reset = time.instant().plusSeconds(600);
        fake.failOnce(
                "POST",
                "/repos/acme/shop/issues/comments/\\d+/reactions",
                403,
                Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset.getEpochSecond())),
                false);
        fake.failOnce(
                "POST", "/repos/acme/shop/issues/comments/\\d+/reactions", 403, Map.of("Retry-After", "90"), false);

        assertThatThrownBy(() -> once.addReaction(11, SHOP, 77, "eyes"))
                .isInstanceOfSatisfying(
                        GitHubException.class, e -> assertThat(e.retryAt()).contains(reset));
        assertThatThrownBy(() -> once.addReaction(11, SHOP, 77, "eyes"))
                .isInstanceOfSatisfying(
                        GitHubException.class,
                        e -> assertThat(e.retryAt()).contains(time.instant().plusSeconds(90)));
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void a_secondary_rate_limit_without_headers_backs_off_a_minute() {
        fake.failOnce("GET", "/repos/acme/shop", 403, Map.of(), false);
        github.defaultBranch(11, SHOP);
        assertThat(sleeper.waits()).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void a_502_on_a_read_is_retried_with_backoff() {
        fake.failOnce("GET", "/repos/acme/shop", 502, Map.of(), false);
        assertThat(github.defaultBranch(11, SHOP)).isEqualTo("main");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void a_502_that_hid_a_created_pull_request_does_not_make_a_second_one() {
        fake.failOnce("POST", "/repos/acme/shop/pulls", 502, Map.of(), true);

        PullRequest pr = github.openOrUpdatePullRequest(11, SHOP, "task/1-login", "main", "Task 1: Login", "body");

        assertThat(pr.number()).isEqualTo(1);
        assertThat(fake.pulls("acme/shop")).hasSize(1);
        assertThat(writeLines()).containsExactly("POST /repos/acme/shop/pulls 502");
    }

    @Test
    void a_502_before_the_pull_request_was_made_leads_to_exactly_one() {
        fake.failOnce("POST", "/repos/acme/shop/pulls", 502, Map.of(), false);

        github.openOrUpdatePullRequest(11, SHOP, "task/1-login", "main", "Task 1: Login", "body");

        assertThat(fake.pulls("acme/shop")).hasSize(1);
        assertThat(writeLines()).containsExactly("POST /repos/acme/shop/pulls 502", "POST /repos/acme/shop/pulls 201");
    }

    @Test
    void a_merge_is_an_outcome_and_repeating_it_after_success_still_reports_it_merged() {
        PullRequest pr = github.openOrUpdatePullRequest(11, SHOP, "task/2-cart", "main", "Task 2: Cart", "body");
        fake.failOnce("PUT", "/repos/acme/shop/pulls/1/merge", 502, Map.of(), true);

        MergeOutcome outcome = github.mergePullRequest(11, SHOP, pr.number(), "squash");

        assertThat(outcome).isInstanceOf(MergeOutcome.Merged.class);
        assertThat(((MergeOutcome.Merged) outcome).sha()).hasSize(40);
    }

    @Test
    void installation_repositories_are_listed() {
        assertThat(github.installationRepositories(11))
                .extracting(r -> r.repo().fullName(), InstallationRepository::defaultBranch)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acme/shop", "main"));
    }

    @Test
    void a_repository_outside_the_installation_is_an_error_that_says_what_was_being_done() {
        assertThatThrownBy(() -> github.defaultBranch(11, RepoRef.parse("other/repo")))
                .isInstanceOf(GitHubException.class)
                .hasMessageContaining("GET /repos/other/repo")
                .hasMessageContaining("404");
    }
}
