package dev.clarity.bot.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.github.RepoRef;
import dev.clarity.dashboard.controls.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The status paragraph in its variants: between items, list not read yet, hours, no stop point, no requester. */
class StatusReplyTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final RepoRef REPO = RepoRef.parse("acme/shop");

    @Test
    void between_items_with_no_stop_point() {
        var s = new ExecutionStatus(7, "AUTONOMOUS", null, null, "SELECT", 0, 4, 6, null, "ana", NOW.minusSeconds(42));
        assertThat(StatusReply.text(s, REPO, NOW))
                .isEqualTo("Execution #7 on acme/shop is **AUTONOMOUS**, between items. 4 of 6 items done (67%);"
                        + " started 42 s ago by @\u200Dana. The progress comment shows the whole task tree.");
    }

    @Test
    void the_item_title_is_escaped_and_asking_for_the_status_notifies_nobody() {
        var s = new ExecutionStatus(
                9,
                "TASK-EXECUTING",
                "2.4",
                "Fix @org/team ![x](http://evil/p.png) <!-- clarity:progress:1 --> </details> | a",
                "VERIFY",
                1,
                1,
                3,
                "2.4",
                "ana",
                NOW.minusSeconds(90));
        assertThat(StatusReply.text(s, REPO, NOW))
                .isEqualTo("Execution #9 on acme/shop is **TASK-EXECUTING**: item 2.4 (Fix @\u200Dorg/team"
                        + " !\\[x\\](http:\u200D//evil/p.png) &lt;!-- clarity:progress:1 --&gt; &lt;/details&gt; \\| a) at"
                        + " VERIFY, repair attempt 1. 1 of 3 items done (33%); started 1 min ago by @\u200Dana; stops"
                        + " after 2.4. The progress comment shows the whole task tree.");
    }

    @Test
    void before_the_list_is_read_and_after_hours_without_a_requester() {
        var s = new ExecutionStatus(
                8, "PAUSED", "1.1", null, "DONE", 0, 0, 0, null, null, NOW.minus(Duration.ofMinutes(135)));
        assertThat(StatusReply.text(s, REPO, NOW))
                .isEqualTo("Execution #8 on acme/shop is **PAUSED**: item 1.1 at DONE. The task list is not read yet;"
                        + " started 2 h 15 min ago. The progress comment shows the whole task tree.");
    }
}
