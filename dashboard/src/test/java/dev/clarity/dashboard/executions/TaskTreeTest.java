package dev.clarity.dashboard.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskTreeTest {
    private static final String LIST = String.join(
            "\n",
            "# Shop",
            "## Phase 1: Cart",
            "1.1 Cart model ✅",
            "1.2 Cart page",
            "1.3 Checkout (Dependencies: 1.2)",
            "1.4 Coupons",
            "1.5 Gift cards",
            "1.5.1 Gift card model",
            "1.5.2 Gift card page",
            "1.5.2.1 Gift card form",
            "1.6 Wish list",
            "");

    private static TaskRow row(String id, String step, String personCommit) {
        return new TaskRow(
                id, "t " + id, step, 0, null, null, null, null, null, 0, 0, null, null, null, "ana", personCommit);
    }

    @Test
    void every_item_of_the_list_is_shown_with_its_numbering_depth_and_status() {
        List<TreeItem> tree = TaskTree.of(
                LIST,
                List.of(row("1.2", "VERIFY", null), row("1.5.1", "DONE", "abc123")),
                "1.2",
                true,
                Set.of("1.4"),
                Set.of("1.6"));

        assertThat(tree)
                .extracting(TreeItem::taskId, TreeItem::depth, TreeItem::state)
                .containsExactly(
                        tuple("1", 0, "running"),
                        tuple("1.1", 1, "done"),
                        tuple("1.2", 1, "running"),
                        tuple("1.3", 1, "blocked"),
                        tuple("1.4", 1, "skipped"),
                        tuple("1.5", 1, "not-started"),
                        tuple("1.5.1", 2, "person"),
                        tuple("1.5.2", 2, "not-started"),
                        tuple("1.5.2.1", 3, "not-started"),
                        tuple("1.6", 1, "person"));
        assertThat(tree.get(3).status()).isEqualTo("⛔ blocked by 1.2");
        assertThat(tree.get(6).status()).isEqualTo("✅ completed by @ana");
        assertThat(tree.get(0).status()).as("a group counts its atomic items").isEqualTo("🟡 2 of 7 items done");
        assertThat(tree.get(5).status()).isEqualTo("⚪ 1 of 2 items done");
        assertThat(tree.get(2).row()).as("a started item keeps its row").isNotNull();
        assertThat(tree.get(8).row()).isNull();
    }

    @Test
    void a_started_item_of_a_paused_execution_is_stopped_not_running() {
        List<TreeItem> tree = TaskTree.of(LIST, List.of(row("1.2", "VERIFY", null)), "1.2", false, Set.of(), Set.of());

        assertThat(tree)
                .filteredOn(i -> i.taskId().equals("1.2"))
                .extracting(TreeItem::state)
                .containsExactly("stopped");
    }

    @Test
    void without_a_stored_list_the_started_items_are_the_tree_and_items_gone_from_the_list_follow_it() {
        assertThat(TaskTree.of(null, List.of(row("2.1", "DONE", null)), null, false, Set.of(), Set.of()))
                .extracting(TreeItem::taskId, TreeItem::state)
                .containsExactly(tuple("2.1", "done"));
        assertThat(TaskTree.of(LIST, List.of(row("9.9", "HUMAN_REVIEW", null)), null, false, Set.of(), Set.of()))
                .last()
                .extracting(TreeItem::taskId, TreeItem::state)
                .containsExactly("9.9", "review");
    }
}
