package dev.clarity.bot.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.runner.api.ModelUsage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    private final PriceTable table = PriceTable.defaults();

    @Test
    void a_dated_model_name_costs_what_its_longest_table_entry_costs() {
        assertThat(table.price("claude-sonnet-4-5-20250929")).contains(Price.of("3", "15"));
        assertThat(table.price("gpt-4o-mini-2024-07-18")).contains(Price.of("0.15", "0.60"));
        assertThat(table.price("gpt-4o-2024-08-06")).contains(Price.of("2.50", "10"));
        assertThat(table.price("anthropic/claude-opus-4-1")).contains(Price.of("15", "75"));
        assertThat(table.price("qwen2.5-coder")).isEmpty();
    }

    @Test
    void cost_is_exact_to_the_last_token() {
        // 1,234,567 × $3/M + 7,654,321 × $15/M = 3.703701 + 114.814815
        assertThat(table.cost(new ModelUsage("anthropic", "claude-sonnet-4-5", 1_234_567, 7_654_321)))
                .isEqualByComparingTo(new BigDecimal("118.518516"));
        // one token of gpt-4o-mini output: $0.0000006, not 5.999999999999999E-7
        assertThat(table.cost(new ModelUsage("openai", "gpt-4o-mini", 0, 1)))
                .isEqualByComparingTo(new BigDecimal("0.0000006"));
        assertThat(table.cost(new ModelUsage("ollama", "qwen2.5-coder", 10_000, 10_000)))
                .isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void overrides_replace_or_add_entries_and_a_malformed_one_is_named() {
        PriceTable t = PriceTable.defaultsWith("gpt-4o=2/8; my-local-model = 0.1/0.2,");
        assertThat(t.price("gpt-4o")).contains(Price.of("2", "8"));
        assertThat(t.price("my-local-model:7b")).contains(Price.of("0.1", "0.2"));
        assertThat(t.price("claude-haiku-4-5")).contains(Price.of("1", "5"));
        assertThatThrownBy(() -> PriceTable.defaultsWith("gpt-4o=cheap"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CLARITY_MODEL_PRICES entry 'gpt-4o=cheap' is not model=input/output (US dollars per"
                        + " million tokens, e.g. gpt-4o=2.50/10)");
    }

    @Test
    void the_dearest_price_is_the_one_whose_dearer_token_costs_most() {
        assertThat(table.dearest()).isEqualTo(Price.of("15", "75"));
    }
}
