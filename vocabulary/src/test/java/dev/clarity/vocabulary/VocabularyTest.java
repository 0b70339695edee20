package dev.clarity.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VocabularyTest {
    @Test
    void badges_are_spelled_with_hyphens_and_read_back_from_their_spelling() {
        assertThat(Badge.spellings())
                .containsExactly(
                        "QUEUED",
                        "INITIALIZING",
                        "AUTONOMOUS",
                        "TASK-EXECUTING",
                        "ERROR-SOLVING",
                        "BLOCKED",
                        "PAUSED",
                        "COMPLETED",
                        "STOPPED",
                        "FAILED");
        for (Badge b : Badge.values()) {
            assertThat(Badge.fromSpelling(b.spelling())).isEqualTo(b);
        }
        assertThat(Badge.find("TASK_EXECUTING")).isEmpty();
        assertThat(Badge.find(null)).isEmpty();
        assertThatThrownBy(() -> Badge.fromSpelling("DONE")).hasMessage("unknown badge DONE");
    }

    @Test
    void badge_groups_are_listed_in_the_order_of_an_execution_s_life() {
        assertThat(Badge.spellingsOf(Badge::isRunning))
                .containsExactly("INITIALIZING", "AUTONOMOUS", "TASK-EXECUTING", "ERROR-SOLVING");
        assertThat(Badge.spellingsOf(Badge::holdsProject))
                .containsExactly("INITIALIZING", "AUTONOMOUS", "TASK-EXECUTING", "ERROR-SOLVING", "BLOCKED", "PAUSED");
        assertThat(Badge.spellingsOf(Badge::isTerminal)).containsExactly("COMPLETED", "FAILED");
        assertThat(Badge.spellingsOf(Badge::isResumable)).containsExactly("BLOCKED", "PAUSED", "STOPPED");
    }

    @Test
    void merge_policies_and_tools_are_spelled_in_lower_case_and_listed_as_choices() {
        assertThat(MergePolicy.spellings()).containsExactly("stacked", "auto", "wait");
        assertThat(MergePolicy.alternatives()).isEqualTo("stacked, auto or wait");
        assertThat(MergePolicy.fromSpelling("wait")).isEqualTo(MergePolicy.WAIT);
        assertThat(MergePolicy.find("WAIT")).isEmpty();
        assertThatThrownBy(() -> MergePolicy.fromSpelling("sometimes")).hasMessage("unknown merge policy sometimes");

        assertThat(Tool.spellings()).containsExactly("aider", "claude", "codex", "ollama", "command");
        assertThat(Tool.alternatives()).isEqualTo("aider, claude, codex, ollama or command");
        assertThat(Tool.fromSpelling("ollama")).isEqualTo(Tool.OLLAMA);
        assertThat(Tool.find("Claude")).isEmpty();
        assertThatThrownBy(() -> Tool.fromSpelling("vim")).hasMessage("unknown tool vim");
    }
}
