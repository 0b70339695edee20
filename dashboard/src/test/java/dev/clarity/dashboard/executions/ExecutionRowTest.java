package dev.clarity.dashboard.executions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExecutionRowTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    static ExecutionRow row(String badge, int done, int total, Instant started) {
        OffsetDateTime s = started == null ? null : OffsetDateTime.ofInstant(started, ZoneOffset.UTC);
        return new ExecutionRow(
                1,
                1,
                "Acme",
                1,
                "Shop",
                "acme/shop",
                badge,
                null,
                null,
                null,
                null,
                null,
                done,
                total,
                0,
                null,
                null,
                "dashboard",
                null,
                null,
                s,
                s,
                null,
                s);
    }

    static Stream<Arguments> estimates() {
        return Stream.of(
                Arguments.of(row("AUTONOMOUS", 0, 4, NOW.minusSeconds(600)), "unknown"),
                Arguments.of(row("AUTONOMOUS", 1, 4, NOW.minusSeconds(600)), "30 min"),
                Arguments.of(row("AUTONOMOUS", 2, 4, NOW.minusSeconds(40)), "40 s"),
                Arguments.of(row("AUTONOMOUS", 1, 3, NOW.minusSeconds(7200)), "4 h 0 min"),
                Arguments.of(row("COMPLETED", 4, 4, NOW.minusSeconds(600)), "done"),
                Arguments.of(row("QUEUED", 0, 0, null), "unknown"));
    }

    @ParameterizedTest
    @MethodSource("estimates")
    void the_estimate_extrapolates_the_average_time_per_finished_item(ExecutionRow r, String expected) {
        assertThat(r.estimate(NOW)).isEqualTo(expected);
    }

    @Test
    void progress_is_a_whole_percent_capped_at_100_and_zero_without_items() {
        assertThat(row("AUTONOMOUS", 1, 3, NOW).percent()).isEqualTo(33);
        assertThat(row("AUTONOMOUS", 5, 4, NOW).percent()).isEqualTo(100);
        assertThat(row("QUEUED", 0, 0, NOW).percent()).isZero();
    }

    @Test
    void every_badge_has_its_emoji() {
        assertThat(Stream.of(
                                "AUTONOMOUS",
                                "INITIALIZING",
                                "TASK-EXECUTING",
                                "ERROR-SOLVING",
                                "BLOCKED",
                                "COMPLETED",
                                "PAUSED")
                        .map(Badges::emoji)
                        .toList())
                .containsExactly("🟢", "🔵", "🟡", "🟠", "🔴", "✅", "⏸️");
    }

    @Test
    void items_sort_by_their_numbering_not_as_text() {
        List<TaskRow> rows = Stream.of("1.10", "1.2", "1.2.1", "2", "1.9")
                .map(id -> new TaskRow(id, "t", "DONE", 0, null, null, null, null, null, 0, 0, null, null, null))
                .sorted(ExecutionQueries::byNumbering)
                .toList();
        assertThat(rows).extracting(TaskRow::taskId).containsExactly("1.2", "1.2.1", "1.9", "1.10", "2");
        assertThat(rows.get(1).depth()).isEqualTo(2);
    }
}
