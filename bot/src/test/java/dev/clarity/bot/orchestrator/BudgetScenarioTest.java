package dev.clarity.bot.orchestrator;

import static dev.clarity.migrations.jooq.Tables.EXECUTION_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.runner.api.ModelUsage;
import dev.clarity.runner.config.BudgetConfig;
import dev.clarity.runner.config.BudgetLimits;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.Step;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets through whole executions: real database, real git, the orchestrator's own threads; the tool steps report
 * model usage as the runner's gateway will.
 */
class BudgetScenarioTest {
    @TempDir
    static Path dbDir;

    static Database db;

    @BeforeAll
    static void start() {
        db = Database.open(new DatabaseLocation.Embedded(dbDir, false), 20, null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static List<ModelUsage> sonnet(long in, long out) {
        return List.of(new ModelUsage("anthropic", "claude-sonnet-4-5-20250929", in, out));
    }

    private static List<String> messages(long executionId) {
        return db.dsl()
                .select(EXECUTION_EVENTS.MESSAGE)
                .from(EXECUTION_EVENTS)
                .where(EXECUTION_EVENTS.EXECUTION_ID.eq(executionId))
                .orderBy(EXECUTION_EVENTS.SEQ)
                .fetch(EXECUTION_EVENTS.MESSAGE);
    }

    @Test
    void an_item_that_crosses_its_token_budget_goes_to_human_review_saying_which_budget(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), OrchestratorScenarioTest.PLAN);
        try (Harness h = new Harness(db, dir, OrchestratorScenarioTest.writesItsFile(), 1)) {
            h.budget(new BudgetConfig(new BudgetLimits(200_000L, null, null), null));
            h.usageOf = r -> List.of(
                    new ModelUsage("anthropic", "claude-sonnet-4-5", 150_000, 20_000),
                    new ModelUsage("anthropic", "claude-sonnet-4-5", 30_000, 3_114));
            long id = h.start(h.project("item-budget-" + dir.getFileName(), origin), null);
            ExecutionSnapshot held = h.awaitHeld(id);

            assertThat(held.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(held.cursor().taskId()).isEqualTo("1.1.1");
            assertThat(held.cursor().step()).isEqualTo(Step.HUMAN_REVIEW);
            assertThat(messages(id))
                    .contains("item 1.1.1 needs a person: token budget of 200,000 per item crossed: 203,114 used");
            assertThat(h.runner.toolRuns).containsOnlyKeys("1.1.1");
            var item = h.usage.item(id, "1.1.1");
            assertThat(item.inputTokens()).isEqualTo(180_000);
            assertThat(item.outputTokens()).isEqualTo(23_114);
            // 180,000 × $3/M + 23,114 × $15/M = 0.54 + 0.34671
            assertThat(item.cost()).isEqualByComparingTo(new BigDecimal("0.88671"));
            assertThat(item.models()).containsExactly("claude-sonnet-4-5");
        }
    }

    @Test
    void an_execution_that_crosses_its_budget_stops_and_no_later_tool_step_starts(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), OrchestratorScenarioTest.PLAN);
        try (Harness h = new Harness(db, dir, OrchestratorScenarioTest.writesItsFile(), 1)) {
            h.budget(new BudgetConfig(null, new BudgetLimits(1_500L, null, null)));
            h.usageOf = r -> sonnet(800, 200);
            long id = h.start(h.project("execution-budget-" + dir.getFileName(), origin), null);
            ExecutionSnapshot held = h.awaitHeld(id);

            // 1.1.1 used 1,000 of 1,500; 1.1.2's tool step took it to 2,000
            assertThat(held.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(held.cursor().taskId()).isEqualTo("1.1.2");
            assertThat(held.cursor().step()).isEqualTo(Step.HUMAN_REVIEW);
            assertThat(messages(id))
                    .contains("item 1.1.2 needs a person: token budget of 1,500 per execution crossed: 2,000 used");
            assertThat(h.usage.execution(id).tokens()).isEqualTo(2_000);

            // skipped, the next item cannot get past its first step either: the execution's budget is spent
            h.controls.skip(id, "1.1.2", Harness.ANA);
            ExecutionSnapshot again = h.await(
                    id,
                    s -> s.cursor().step() == Step.HUMAN_REVIEW
                            && !"1.1.2".equals(s.cursor().taskId()));
            assertThat(again.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(messages(id))
                    .anyMatch(m -> m.startsWith("item " + again.cursor().taskId()
                            + " needs a person: token budget of 1,500 per execution crossed: 2,000 used"));
            assertThat(h.runner.toolRuns).containsOnlyKeys("1.1.1", "1.1.2");
        }
    }

    @Test
    void a_retried_item_gets_a_fresh_item_budget_while_its_totals_still_count_every_attempt(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), OrchestratorScenarioTest.PLAN);
        try (Harness h = new Harness(db, dir, OrchestratorScenarioTest.writesItsFile(), 1)) {
            h.budget(new BudgetConfig(new BudgetLimits(null, new BigDecimal("0.01"), null), null));
            // 2,000 × $3/M + 500 × $15/M = $0.0135
            h.usageOf = r -> sonnet(2_000, 500);
            long id = h.start(h.project("money-budget-" + dir.getFileName(), origin), null);
            h.awaitHeld(id);
            String crossed = "item 1.1.1 needs a person: money budget of $0.0100 per item crossed: $0.0135 used";
            assertThat(messages(id)).contains(crossed);

            h.controls.retry(id, "1.1.1", Harness.ANA);

            // the tool runs again on a fresh budget, and its own run crosses it again: $0.0135, not $0.0270
            h.await(
                    id,
                    s -> s.cursor().step() == Step.HUMAN_REVIEW
                            && messages(id).stream().filter(crossed::equals).count() == 2);
            assertThat(h.runner.toolRuns.get("1.1.1").get()).isEqualTo(2);
            assertThat(h.usage.item(id, "1.1.1").cost()).isEqualByComparingTo(new BigDecimal("0.0270"));
            assertThat(h.usage.itemSinceRetry(id, "1.1.1").cost()).isEqualByComparingTo(new BigDecimal("0.0135"));
            assertThat(h.usage.execution(id).cost()).isEqualByComparingTo(new BigDecimal("0.0270"));
        }
    }

    @Test
    void a_retry_does_not_refresh_the_executions_budget(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), OrchestratorScenarioTest.PLAN);
        try (Harness h = new Harness(db, dir, OrchestratorScenarioTest.writesItsFile(), 1)) {
            h.budget(new BudgetConfig(null, new BudgetLimits(1_500L, null, null)));
            h.usageOf = r -> sonnet(800, 200);
            long id = h.start(h.project("execution-retry-" + dir.getFileName(), origin), null);
            h.awaitHeld(id);
            String crossed = "item 1.1.2 needs a person: token budget of 1,500 per execution crossed: 2,000 used";
            assertThat(messages(id)).contains(crossed);
            assertThat(h.runner.toolRuns).containsOnlyKeys("1.1.1", "1.1.2");

            h.controls.retry(id, "1.1.2", Harness.ANA);

            // the retry starts at PREP, and the execution's budget is found crossed there, before any tool step
            h.await(
                    id,
                    s -> s.cursor().step() == Step.HUMAN_REVIEW
                            && messages(id).stream().filter(crossed::equals).count() == 2);
            assertThat(h.runner.toolRuns.get("1.1.2").get()).isEqualTo(1);
        }
    }

    @Test
    void a_step_still_running_when_the_wall_time_budget_runs_out_is_cancelled(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), OrchestratorScenarioTest.PLAN);
        Harness[] holder = new Harness[1];
        ScriptedRunner.Tool waitsForCancel = (taskId, attempt, ws) -> {
            try {
                assertThat(holder[0].runner.awaitCancel(ws.getFileName().toString()))
                        .isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Files.writeString(ws.resolve("late.txt"), "too late\n");
        };
        try (Harness h = new Harness(db, dir, waitsForCancel, 1)) {
            holder[0] = h;
            h.budget(new BudgetConfig(new BudgetLimits(null, null, Duration.ofMillis(1500)), null));
            long id = h.start(h.project("wall-budget-" + dir.getFileName(), origin), null);
            ExecutionSnapshot held = h.awaitHeld(id);

            assertThat(h.runner.cancelled).contains(ExecutionLoop.workspaceId(id));
            assertThat(held.cursor().step()).isEqualTo(Step.HUMAN_REVIEW);
            assertThat(messages(id))
                    .anyMatch(
                            m -> m.startsWith("item 1.1.1 needs a person: wall-time budget of 1.5 s per item used up"));
        }
    }

    @Test
    void the_outcomes_entry_of_an_item_lists_what_its_model_requests_used(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), OrchestratorScenarioTest.PLAN);
        try (Harness h = new Harness(db, dir, OrchestratorScenarioTest.writesItsFile(), 1)) {
            h.usageOf = r -> sonnet(180_000, 23_114);
            long id = h.start(h.project("outcomes-usage-" + dir.getFileName(), origin), "1.1.1");
            h.awaitHeld(id);

            String outcomes = Harness.fileAt(origin, "task/1.1.1-add-hello-file", "task_outcomes.md");
            assertThat(outcomes)
                    .contains("- model usage: 203,114 tokens (180,000 in, 23,114 out) · $0.8867 ·"
                            + " claude-sonnet-4-5-20250929\n");
        }
    }

    @Test
    void the_projects_budget_holds_when_it_is_tighter_than_the_repositorys(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), OrchestratorScenarioTest.PLAN);
        try (Harness h = new Harness(db, dir, OrchestratorScenarioTest.writesItsFile(), 1)) {
            h.budget(new BudgetConfig(new BudgetLimits(1_000_000L, null, null), null));
            h.usageOf = r -> sonnet(1_200, 300);
            long project = h.project("project-budget-" + dir.getFileName(), origin);
            db.dsl()
                    .update(dev.clarity.migrations.jooq.Tables.PROJECTS)
                    .set(dev.clarity.migrations.jooq.Tables.PROJECTS.BUDGET_ITEM_TOKENS, 1_000L)
                    .where(dev.clarity.migrations.jooq.Tables.PROJECTS.ID.eq(project))
                    .execute();
            long id = h.start(project, null);
            h.awaitHeld(id);

            assertThat(messages(id))
                    .contains("item 1.1.1 needs a person: token budget of 1,000 per item crossed: 1,500 used");
        }
    }
}
