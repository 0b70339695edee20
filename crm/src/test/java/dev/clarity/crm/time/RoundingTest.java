package dev.clarity.crm.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoundingTest {
    @ParameterizedTest(name = "{0}: {1}s worked bill as {2}s")
    @CsvSource({
        "none, 61, 61",
        "up_6, 1, 360",
        "up_6, 360, 360",
        "up_6, 361, 720",
        "up_15, 899, 900",
        "up_15, 900, 900",
        "up_15, 901, 1800",
    })
    void billable_seconds_are_never_less_than_worked_and_rounded_up_to_the_rule(String rule, long worked, long billed) {
        assertThat(Rounding.parse(rule).orElseThrow().billable(worked)).isEqualTo(billed);
    }

    @ParameterizedTest(name = "\"{0}\" is {1}s")
    @CsvSource({"1h 30m, 5400", "45m, 2700", "1:30, 5400", "1.5h, 5400", "90, 5400", "-30m, -1800", "2h, 7200"})
    void durations_are_read_as_people_write_them(String text, long seconds) {
        assertThat(Durations.parse(text)).contains(seconds);
    }
}
