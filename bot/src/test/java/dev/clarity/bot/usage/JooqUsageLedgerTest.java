package dev.clarity.bot.usage;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.runner.api.ModelUsage;
import dev.clarity.runner.config.BudgetLimits;
import dev.clarity.vocabulary.Step;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage ledger against a real PostgreSQL. */
class JooqUsageLedgerTest {
    @TempDir
    static Path dbDir;

    static Database db;

    @BeforeAll
    static void start() {
        db = Database.open(new DatabaseLocation.Embedded(dbDir, false), 4, null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JooqUsageLedger ledger =
            new JooqUsageLedger(db.dsl(), PriceTable.defaults(), new UsageMeters(metrics), InstantSource.system());

    private static long project() {
        String slug = "c-" + UUID.randomUUID();
        long customer = db.dsl()
                .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                .values(slug, slug)
                .returning(CUSTOMERS.ID)
                .fetchSingle(CUSTOMERS.ID);
        return db.dsl()
                .insertInto(PROJECTS, PROJECTS.CUSTOMER_ID, PROJECTS.NAME, PROJECTS.REPOSITORY, PROJECTS.CLONE_URL)
                .values(customer, slug, slug, "file:///" + slug)
                .returning(PROJECTS.ID)
                .fetchSingle(PROJECTS.ID);
    }

    private static long execution(long project) {
        return db.dsl()
                .insertInto(EXECUTIONS, EXECUTIONS.PROJECT_ID, EXECUTIONS.TRIGGER)
                .values(project, "cli")
                .returning(EXECUTIONS.ID)
                .fetchSingle(EXECUTIONS.ID);
    }

    @Test
    void usage_is_recorded_per_step_and_summed_per_item_and_execution_with_exact_cost() {
        long id = execution(project());
        ledger.record(
                id,
                "1.1",
                Step.IMPLEMENT,
                "e" + id + "/1.1/g0/IMPLEMENT/0",
                "claude",
                List.of(
                        new ModelUsage("anthropic", "claude-sonnet-4-5-20250929", 1_000_000, 100_000),
                        new ModelUsage("anthropic", "claude-haiku-4-5", 3, 7)));
        ledger.record(
                id,
                "1.1",
                Step.ERROR_SOLVE,
                "e" + id + "/1.1/g0/ERROR_SOLVE/1",
                "aider",
                List.of(new ModelUsage("openai", "gpt-4o-mini", 10, 1)));
        ledger.record(
                id,
                "1.2",
                Step.IMPLEMENT,
                "e" + id + "/1.2/g0/IMPLEMENT/0",
                "ollama",
                List.of(new ModelUsage("ollama", "qwen2.5-coder", 500, 50)));

        UsageTotals item = ledger.item(id, "1.1");
        assertThat(item.inputTokens()).isEqualTo(1_000_013);
        assertThat(item.outputTokens()).isEqualTo(100_008);
        // 3.00 + 1.50 (sonnet) + 0.000003 + 0.000035 (haiku) + 0.0000015 + 0.0000006 (gpt-4o-mini)
        assertThat(item.cost()).isEqualByComparingTo(new BigDecimal("4.5000401"));
        assertThat(item.models()).containsExactly("claude-sonnet-4-5-20250929", "claude-haiku-4-5", "gpt-4o-mini");
        UsageTotals all = ledger.execution(id);
        assertThat(all.tokens()).isEqualTo(1_100_021 + 550);
        assertThat(all.cost()).isEqualByComparingTo(new BigDecimal("4.5000401"));
        assertThat(item.describe())
                .isEqualTo("1,100,021 tokens (1,000,013 in, 100,008 out) · $4.5000 · claude-sonnet-4-5-20250929,"
                        + " claude-haiku-4-5, gpt-4o-mini");
    }

    @Test
    void a_step_recorded_again_after_a_crash_replaces_its_record_instead_of_counting_twice() {
        long id = execution(project());
        String key = "e" + id + "/2.1/g0/IMPLEMENT/0";
        List<ModelUsage> usage = List.of(new ModelUsage("anthropic", "claude-sonnet-4-5", 100, 10));
        ledger.record(id, "2.1", Step.IMPLEMENT, key, "claude", usage);
        ledger.record(id, "2.1", Step.IMPLEMENT, key, "claude", usage);

        assertThat(ledger.item(id, "2.1").tokens()).isEqualTo(110);
        assertThat(metrics.get("clarity.model.tokens")
                        .tags("tool", "claude", "model", "claude-sonnet-4-5", "direction", "input")
                        .counter()
                        .count())
                .isEqualTo(100.0);
    }

    @Test
    void metrics_show_tokens_and_cost_by_tool_and_model() {
        long id = execution(project());
        ledger.record(
                id,
                "3.1",
                Step.IMPLEMENT,
                "e" + id + "/3.1/g0/IMPLEMENT/0",
                "aider",
                List.of(new ModelUsage("openai", "gpt-4o", 1_000_000, 0)));

        String scrape = metrics.scrape();
        assertThat(scrape)
                .contains("clarity_model_tokens_total{direction=\"input\",model=\"gpt-4o\",provider=\"openai\","
                        + "tool=\"aider\"} 1000000.0")
                .contains("clarity_model_cost_dollars_total{model=\"gpt-4o\",provider=\"openai\",tool=\"aider\"} 2.5");
    }

    @Test
    void the_project_budgets_are_read_back_as_set() {
        long project = project();
        db.dsl()
                .update(PROJECTS)
                .set(PROJECTS.BUDGET_ITEM_TOKENS, 5_000L)
                .set(PROJECTS.BUDGET_EXECUTION_MONEY, new BigDecimal("12.5"))
                .set(PROJECTS.BUDGET_EXECUTION_SECONDS, 3_600L)
                .where(PROJECTS.ID.eq(project))
                .execute();

        var budgets = new UsageQueries(db.dsl()).projectBudgets(project);

        assertThat(budgets.item()).isEqualTo(new BudgetLimits(5_000L, null, null));
        assertThat(budgets.execution().money()).isEqualByComparingTo("12.5");
        assertThat(budgets.execution().wallTime()).isEqualTo(Duration.ofHours(1));
    }
}
