package dev.clarity.bot.publish;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.TASK_RUNS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarity.bot.github.ManualTime;
import dev.clarity.bot.github.RecordingSleeper;
import dev.clarity.bot.github.TestGateways;
import dev.clarity.bot.orchestrator.Cursor;
import dev.clarity.bot.orchestrator.Evidence;
import dev.clarity.bot.orchestrator.ItemRef;
import dev.clarity.bot.orchestrator.JooqExecutionStore;
import dev.clarity.bot.orchestrator.TaskRuns;
import dev.clarity.bot.orchestrator.Transition;
import dev.clarity.bot.outbox.GitHubOutbox;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.runner.api.CriterionReport;
import dev.clarity.runner.api.SourceLocation;
import dev.clarity.tasks.ItemKind;
import dev.clarity.testkit.github.FakeGitHub;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.Step;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An execution on GitHub that stops running gets its own completed check run carrying the one reason sentence it
 * keeps, the same the progress comment, the JSON summary and the execution page show.
 */
class ExecutionCheckRunTest {
    private static final String REPO = "Codertocat/Hello-World";
    private static final String MAIN_HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private static final String ITEM_COMMIT = "89a9ae301e35e667756034fdc933b1fc94f63fc1";

    @TempDir
    static Path dbDir;

    static Database db;
    private FakeGitHub github;
    private GitHubItemPublisher publisher;
    private JooqExecutionStore store;

    @BeforeAll
    static void database() {
        db = Database.open(new DatabaseLocation.Embedded(dbDir, false), 6, null);
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void start() {
        github = FakeGitHub.start(TestGateways.APP_ID).installation(1, REPO).branch(REPO, "main", MAIN_HEAD);
        ManualTime time = new ManualTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        var gateway = TestGateways.against(github.apiUrl(), time, new RecordingSleeper(time));
        store = new JooqExecutionStore(db.dsl(), InstantSource.system());
        publisher = new GitHubItemPublisher(
                db.dsl(),
                gateway,
                new GitHubOutbox(db.dsl(), gateway, time, () -> 1.0, "test"),
                store,
                "https://clarity.example.com",
                time);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void a_failed_execution_gets_a_failed_check_run_with_its_reason_on_the_default_branch_head() {
        long id = execution("failed");
        store.controlled(
                id,
                new Transition(
                        Cursor.START,
                        Badge.FAILED,
                        "the repository's configuration is invalid (.clarity.yml line 3, merg: unknown key merg)"));

        db.dsl()
                .update(dev.clarity.migrations.jooq.Tables.EXECUTIONS)
                .set(dev.clarity.migrations.jooq.Tables.EXECUTIONS.TRIGGER_REF, "issue #1")
                .where(dev.clarity.migrations.jooq.Tables.EXECUTIONS.ID.eq(id))
                .execute();

        publisher.progressed(store.find(id).orElseThrow(), "ignored: the stored reason is used");

        assertThat(github.comments(REPO, 1))
                .as("the progress comment says the same sentence")
                .anySatisfy(c -> assertThat(c.path("body").asText())
                        .contains("### Failed: the repository's configuration is invalid (.clarity.yml line 3, merg:"
                                + " unknown key merg)."));

        JsonNode run = runOf(id);
        assertThat(run.path("head_sha").asText()).isEqualTo(MAIN_HEAD);
        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(run.path("conclusion").asText()).isEqualTo("failure");
        assertThat(run.path("details_url").asText()).isEqualTo("https://clarity.example.com/executions/" + id);
        assertThat(run.path("output").path("title").asText()).isEqualTo("Failed");
        assertThat(run.path("output").path("summary").asText())
                .contains("the repository's configuration is invalid (.clarity.yml line 3, merg: unknown key merg)");
    }

    @Test
    void a_blocked_execution_asks_for_action_on_the_last_commit_it_pushed() {
        long id = execution("blocked");
        db.dsl()
                .insertInto(TASK_RUNS)
                .set(TASK_RUNS.EXECUTION_ID, id)
                .set(TASK_RUNS.TASK_ID, "1.1")
                .set(TASK_RUNS.TITLE, "Add hello")
                .set(TASK_RUNS.STEP, Step.DONE.name())
                .set(TASK_RUNS.COMMIT_SHA, ITEM_COMMIT)
                .set(TASK_RUNS.PR_URL, "https://github.com/" + REPO + "/pull/1")
                .execute();
        store.controlled(
                id,
                new Transition(
                        new Cursor("1.2", ItemKind.TASK, Step.HUMAN_REVIEW, 3),
                        Badge.BLOCKED,
                        "item 1.2 needs a person: criteria still fail after 3 repair attempts: tests.unit"));

        publisher.progressed(store.find(id).orElseThrow(), "note");

        JsonNode run = runOf(id);
        assertThat(run.path("head_sha").asText()).isEqualTo(ITEM_COMMIT);
        assertThat(run.path("conclusion").asText()).isEqualTo("action_required");
        assertThat(run.path("output").path("summary").asText())
                .contains("item 1.2 needs a person: criteria still fail after 3 repair attempts: tests.unit")
                .contains("/clarity retry");
    }

    @Test
    void an_item_waiting_for_a_person_gets_a_check_run_with_the_output_excerpts_of_its_failing_criteria() {
        long id = execution("review-excerpts");
        ItemRef ref = inReview(
                id,
                List.of(
                        new CriterionReport(
                                "test.unit",
                                false,
                                "mvn test exited with code 1",
                                "[ERROR] CartTest.sums_two_items: expected <3> but was <4>",
                                List.of(new SourceLocation("src/test/java/CartTest.java", 12, "expected 3"))),
                        new CriterionReport(
                                "lint.clean", false, "2 lint errors", "src/cart.js:4 no-unused-vars", List.of())));

        publisher.progressed(store.find(id).orElseThrow(), "note");

        JsonNode run = itemRun(ref.taskId());
        assertThat(run.path("conclusion").asText()).isEqualTo("action_required");
        assertThat(run.path("head_sha").asText()).isEqualTo(ITEM_COMMIT);
        assertThat(run.path("output").path("summary").asText())
                .contains("needs a person", "`test.unit`", "mvn test exited with code 1", "`lint.clean`");
        assertThat(run.path("output").path("text").asText())
                .contains(
                        "<details><summary>`test.unit` failed: output</summary>",
                        "[ERROR] CartTest.sums_two_items: expected <3> but was <4>",
                        "<details><summary>`lint.clean` failed: output</summary>",
                        "src/cart.js:4 no-unused-vars");
        assertThat(run.path("output").path("annotations"))
                .anySatisfy(a -> assertThat(a.path("path").asText()).isEqualTo("src/test/java/CartTest.java"));
    }

    @Test
    void the_excerpts_of_many_failing_criteria_stay_within_githubs_limit_and_the_rest_are_named() {
        long id = execution("review-excerpts-cap");
        List<CriterionReport> failing = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            failing.add(new CriterionReport(
                    "check." + i,
                    false,
                    "exited with code 1",
                    ("line " + i + " of a long failure\n").repeat(CriterionReport.MAX_EXCERPT_CHARS / 25),
                    List.of()));
        }
        ItemRef ref = inReview(id, failing);

        publisher.progressed(store.find(id).orElseThrow(), "note");

        JsonNode run = itemRun(ref.taskId());
        String text = run.path("output").path("text").asText();
        assertThat(text.length()).isLessThanOrEqualTo(65_535).isGreaterThan(40_000);
        assertThat(text).contains("`check.0` failed: output", "Not shown here", "`check.39`", "see the artifacts");
        assertThat(run.path("output").path("summary").asText().length()).isLessThanOrEqualTo(65_535);
    }

    /** Item 1.2 of execution {@code id}: pushed, its last VERIFY failed with {@code failing}, now in HUMAN_REVIEW. */
    private ItemRef inReview(long id, List<CriterionReport> failing) {
        ItemRef ref = new ItemRef(id, "1.2", Step.VERIFY, 3);
        store.selected(id, new TaskRuns.SelectedItem("1.2", "Sum the cart", "", ""));
        store.prepared(ref, "main", "task/1.2-sum-the-cart");
        store.merged(ref, ITEM_COMMIT);
        store.pushed(ref, Optional.of("https://github.com/" + REPO + "/pull/2"));
        store.verified(
                ref,
                new Evidence(
                        0,
                        failing.size(),
                        0,
                        "artifacts/1.2/",
                        String.join(
                                "; ",
                                failing.stream()
                                        .map(c -> c.key() + ": " + c.summary())
                                        .toList()),
                        failing));
        store.controlled(
                id,
                new Transition(
                        new Cursor("1.2", ItemKind.TASK, Step.HUMAN_REVIEW, 3),
                        Badge.BLOCKED,
                        "item 1.2 needs a person: criteria still fail after 3 repair attempts"));
        return ref;
    }

    private JsonNode itemRun(String taskId) {
        return github.checkRuns(REPO).stream()
                .filter(r -> r.path("name").asText().equals("Clarity " + taskId))
                .reduce((a, b) -> b)
                .orElseThrow(
                        () -> new AssertionError("no check run of item " + taskId + ": " + github.checkRuns(REPO)));
    }

    @Test
    void a_running_execution_gets_no_check_run_of_its_own() {
        long id = execution("running");
        store.controlled(id, new Transition(Cursor.START, Badge.AUTONOMOUS, "resumed"));

        publisher.progressed(store.find(id).orElseThrow(), "resumed");

        assertThat(github.checkRuns(REPO))
                .noneMatch(r -> r.path("name").asText().equals("Clarity execution #" + id));
    }

    private JsonNode runOf(long id) {
        return github.checkRuns(REPO).stream()
                .filter(r -> r.path("name").asText().equals("Clarity execution #" + id))
                .reduce((a, b) -> {
                    throw new AssertionError("two check runs of execution " + id);
                })
                .orElseThrow(
                        () -> new AssertionError("no check run of execution " + id + ": " + github.checkRuns(REPO)));
    }

    /** A new execution of the one project on {@code REPO} (installation 1). */
    private long execution(String name) {
        long project = db.dsl()
                .select(PROJECTS.ID)
                .from(PROJECTS)
                .where(PROJECTS.REPOSITORY.eq(REPO))
                .fetchOptional(PROJECTS.ID)
                .orElseGet(() -> {
                    long customer = db.dsl()
                            .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                            .values("Codertocat", "codertocat")
                            .returning(CUSTOMERS.ID)
                            .fetchOne(CUSTOMERS.ID);
                    return db.dsl()
                            .insertInto(PROJECTS)
                            .set(PROJECTS.CUSTOMER_ID, customer)
                            .set(PROJECTS.NAME, "Hello World")
                            .set(PROJECTS.REPOSITORY, REPO)
                            .set(PROJECTS.CLONE_URL, "https://github.com/" + REPO + ".git")
                            .set(PROJECTS.DEFAULT_BRANCH, "main")
                            .set(PROJECTS.INSTALLATION_ID, 1L)
                            .returning(PROJECTS.ID)
                            .fetchOne(PROJECTS.ID);
                });
        return store.enqueue(new StartRequest(project, new Actor("ana", "dashboard"), null, null, null, null, null));
    }
}
