package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.MODEL_USAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Model usage on the execution page and per customer and per tool on the success-rates page. */
class UsagePagesTest {
    private static final TestDashboard d = TestDashboard.shared();

    @BeforeAll
    static void recordUsage() {
        insert(d.acmeExecution, "1.1", "IMPLEMENT/0", "claude", "claude-sonnet-4-5", 180_000, 23_114, "0.88671");
        insert(d.acmeExecution, "1.1", "ERROR_SOLVE/1", "aider", "gpt-4o", 1_000, 500, "0.0075");
        insert(d.globexExecution, "2.1", "IMPLEMENT/0", "aider", "gpt-4o", 4_000, 1_000, "0.02");
    }

    private static void insert(
            long execution, String task, String step, String tool, String model, long in, long out, String cost) {
        d.database
                .dsl()
                .insertInto(MODEL_USAGE)
                .set(MODEL_USAGE.STEP_KEY, "e" + execution + "/" + task + "/g0/" + step + "/usage-pages")
                .set(MODEL_USAGE.SEQ, 0)
                .set(MODEL_USAGE.EXECUTION_ID, execution)
                .set(MODEL_USAGE.TASK_ID, task)
                .set(MODEL_USAGE.TOOL, tool)
                .set(MODEL_USAGE.PROVIDER, model.startsWith("gpt") ? "openai" : "anthropic")
                .set(MODEL_USAGE.MODEL, model)
                .set(MODEL_USAGE.INPUT_TOKENS, in)
                .set(MODEL_USAGE.OUTPUT_TOKENS, out)
                .set(MODEL_USAGE.COST, new BigDecimal(cost))
                .onConflictDoNothing()
                .execute();
    }

    /** The page at {@code path} once it satisfies {@code ready} (the rates are cached for 10 s), within 30 s. */
    private static String awaitPage(HttpSession s, String path, Predicate<String> ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Object lock = new Object();
        while (true) {
            String body = s.get(path).body();
            if (ready.test(body) || System.nanoTime() > deadline) {
                return body;
            }
            synchronized (lock) {
                lock.wait(500);
            }
        }
    }

    @Test
    void the_execution_page_shows_the_usage_of_the_execution_and_of_each_item() {
        String page = HttpSession.signedIn(d, "tom")
                .get("/executions/" + d.acmeExecution)
                .body();

        assertThat(page)
                .contains("Model usage: 204,614 tokens (181,000 in, 23,614 out) · $0.8942")
                .contains("<span class=\"item-usage\">204,614 tokens, $0.8942</span>");
    }

    @Test
    void the_rates_page_shows_usage_per_customer_and_per_tool_and_a_client_sees_only_their_own()
            throws InterruptedException {
        String all = awaitPage(HttpSession.signedIn(d, "root"), "/stats", b -> b.contains("Acme Corp</td><td>181,000"));

        assertThat(all)
                .contains("<tr><td>Acme Corp</td><td>181,000</td><td>23,614</td><td>$0.8942</td></tr>")
                .contains("<tr><td>Globex</td><td>4,000</td><td>1,000</td><td>$0.0200</td></tr>")
                .contains("<tr><td>claude</td><td>180,000</td><td>23,114</td><td>$0.8867</td></tr>")
                .contains("<tr><td>aider</td><td>5,000</td><td>1,500</td><td>$0.0275</td></tr>");
        String carol = awaitPage(HttpSession.signedIn(d, "carol"), "/stats", b -> b.contains("Globex</td><td>4,000"));
        assertThat(carol)
                .contains("<tr><td>Globex</td><td>4,000</td><td>1,000</td><td>$0.0200</td></tr>")
                .doesNotContain("Acme Corp</td><td>181,000")
                .contains("<tr><td>aider</td><td>4,000</td><td>1,000</td><td>$0.0200</td></tr>");
    }
}
