package dev.clarity.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ItemKindTest {
    @Test
    void an_atomic_task_is_spelled_leaf_and_a_check_by_its_name_and_both_read_back() {
        assertThat(ItemKind.TASK.spelling()).isEqualTo("LEAF");
        assertThat(ItemKind.CHECK_B.spelling()).isEqualTo("CHECK_B");
        for (ItemKind kind : ItemKind.values()) {
            assertThat(ItemKind.fromSpelling(kind.spelling())).isEqualTo(kind);
        }
        assertThatThrownBy(() -> ItemKind.fromSpelling("TASK")).hasMessage("unknown item kind TASK");
    }
}
