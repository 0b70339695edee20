package dev.clarity.bot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StepContextKeyTest {
    @Test
    void the_generation_is_read_back_from_the_key_it_was_made_for() {
        assertThat(StepContext.generationOf(StepContext.key(7, "1.2.3", 4, "IMPLEMENT", 0)))
                .isEqualTo(4);
        assertThat(StepContext.generationOf(StepContext.key(7, "a/b", 12, "ERROR_SOLVE", 2)))
                .isEqualTo(12);
    }

    @Test
    void a_string_that_is_no_step_key_is_refused_naming_the_expected_shape() {
        assertThatThrownBy(() -> StepContext.generationOf("e7/1.1/IMPLEMENT/0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a step key")
                .hasMessageContaining("e7/1.1/IMPLEMENT/0");
    }
}
