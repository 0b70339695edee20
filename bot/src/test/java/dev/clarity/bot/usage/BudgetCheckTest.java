package dev.clarity.bot.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.runner.config.BudgetConfig;
import dev.clarity.runner.config.BudgetLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BudgetCheckTest {
    private static UsageTotals used(long in, long out, String cost, Duration wall) {
        return new UsageTotals(in, out, new BigDecimal(cost), wall, List.of());
    }

    private static BudgetConfig item(Long tokens, String money, Duration wall) {
        return new BudgetConfig(new BudgetLimits(tokens, money == null ? null : new BigDecimal(money), wall), null);
    }

    @Test
    void the_sentence_names_the_budget_its_limit_and_what_was_used() {
        assertThat(BudgetCheck.crossed(
                        item(200_000L, null, null), used(180_000, 23_114, "0", Duration.ZERO), UsageTotals.NONE))
                .contains("token budget of 200,000 per item crossed: 203,114 used");
        assertThat(BudgetCheck.crossed(item(null, "2.5", null), used(1, 1, "2.53125", Duration.ZERO), UsageTotals.NONE))
                .contains("money budget of $2.5000 per item crossed: $2.5313 used");
        assertThat(BudgetCheck.crossed(
                        item(null, null, Duration.ofMinutes(45)),
                        used(0, 0, "0", Duration.ofMinutes(47)),
                        UsageTotals.NONE))
                .contains("wall-time budget of 45 min per item crossed: 47 min used");
        BudgetConfig execution = new BudgetConfig(null, new BudgetLimits(1_000L, null, null));
        assertThat(BudgetCheck.crossed(execution, UsageTotals.NONE, used(900, 200, "0", Duration.ZERO)))
                .contains("token budget of 1,000 per execution crossed: 1,100 used");
    }

    @Test
    void a_budget_used_exactly_is_not_crossed_but_is_used_up_for_the_next_tool_step() {
        BudgetConfig b = item(1_000L, null, null);
        UsageTotals exactly = used(600, 400, "0", Duration.ZERO);

        assertThat(BudgetCheck.crossed(b, exactly, UsageTotals.NONE)).isEmpty();
        assertThat(BudgetCheck.usedUp(b, exactly, UsageTotals.NONE))
                .contains("token budget of 1,000 per item used up: 1,000 used");
        assertThat(BudgetCheck.tokenLimit(b, exactly, UsageTotals.NONE, Price.FREE))
                .hasValue(0);
    }

    @Test
    void the_token_limit_is_the_least_that_any_budget_leaves_money_counted_at_the_dearest_price() {
        BudgetConfig b = new BudgetConfig(
                new BudgetLimits(100_000L, new BigDecimal("1.00"), null), new BudgetLimits(50_000L, null, null));
        Price dearest = Price.of("15", "75");

        // item: 90,000 tokens left; execution: 30,000 left; money: $0.75 left at $75/M = 10,000 tokens
        assertThat(BudgetCheck.tokenLimit(
                        b, used(10_000, 0, "0.25", Duration.ZERO), used(20_000, 0, "0.25", Duration.ZERO), dearest))
                .hasValue(10_000);
        assertThat(BudgetCheck.tokenLimit(BudgetConfig.DEFAULT, UsageTotals.NONE, UsageTotals.NONE, dearest))
                .isEqualTo(OptionalLong.empty());
    }

    @Test
    void of_two_budgets_the_tighter_limit_holds_and_a_missing_one_is_no_limit() {
        BudgetConfig repo = new BudgetConfig(
                new BudgetLimits(200_000L, new BigDecimal("5"), null),
                new BudgetLimits(null, null, Duration.ofHours(2)));
        BudgetConfig project = new BudgetConfig(
                new BudgetLimits(300_000L, new BigDecimal("2.50"), Duration.ofMinutes(30)), BudgetLimits.NONE);

        BudgetConfig t = BudgetCheck.tighter(repo, project);

        assertThat(t.item().tokens()).isEqualTo(200_000L);
        assertThat(t.item().money()).isEqualByComparingTo("2.50");
        assertThat(t.item().wallTime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(t.execution()).isEqualTo(new BudgetLimits(null, null, Duration.ofHours(2)));
    }

    @Test
    void the_wall_time_left_is_the_least_of_the_item_and_execution_budgets_and_never_negative() {
        BudgetConfig b = new BudgetConfig(
                new BudgetLimits(null, null, Duration.ofMinutes(10)),
                new BudgetLimits(null, null, Duration.ofHours(1)));
        assertThat(BudgetCheck.wallLeft(
                        b, used(0, 0, "0", Duration.ofMinutes(4)), used(0, 0, "0", Duration.ofMinutes(55))))
                .contains(Duration.ofMinutes(5));
        assertThat(BudgetCheck.wallLeft(b, used(0, 0, "0", Duration.ofMinutes(12)), UsageTotals.NONE))
                .contains(Duration.ZERO);
        assertThat(BudgetCheck.wallLeft(BudgetConfig.DEFAULT, UsageTotals.NONE, UsageTotals.NONE))
                .isEmpty();
    }
}
