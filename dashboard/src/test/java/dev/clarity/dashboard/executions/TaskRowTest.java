package dev.clarity.dashboard.executions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskRowTest {
    private static TaskRow row(String prUrl, String branch, String artifacts) {
        return new TaskRow(
                "1.2", "t", "DONE", 0, null, branch, null, prUrl, artifacts, 0, 0, null, "1.1\nPhase 0", "a\nb");
    }

    @Test
    void artifacts_link_to_the_branch_folder_on_the_forge_of_the_pull_request() {
        assertThat(row("https://github.example.com/acme/shop/pull/42", "task/1.2-x", "artifacts/1.2/")
                        .artifactsUrl())
                .isEqualTo("https://github.example.com/acme/shop/tree/task/1.2-x/artifacts/1.2/");
    }

    @Test
    void without_a_pull_request_there_is_no_link() {
        assertThat(row(null, "task/1.2-x", "artifacts/1.2/").artifactsUrl()).isNull();
        assertThat(row("https://github.com/acme/shop/pull/42", null, "artifacts/1.2/")
                        .artifactsUrl())
                .isNull();
    }

    @Test
    void dependencies_and_criteria_are_one_per_line() {
        TaskRow r = row(null, null, null);
        assertThat(r.dependencyList()).containsExactly("1.1", "Phase 0");
        assertThat(r.criteriaList()).containsExactly("a", "b");
        assertThat(new TaskRow("1", "t", "DONE", 0, null, null, null, null, null, 0, 0, null, null, " ")
                        .dependencyList())
                .isEmpty();
    }

    @Test
    void an_item_a_person_completed_says_so_and_names_them_when_known() {
        assertThat(new TaskRow(
                                "1.2", "t", "DONE", 0, null, null, null, null, null, 1, 0, null, null, null, "bo",
                                "3f2a1c")
                        .status())
                .isEqualTo("✅ completed by @bo");
        assertThat(new TaskRow(
                                "1.2", "t", "DONE", 0, null, null, null, null, null, 1, 0, null, null, null, "",
                                "3f2a1c")
                        .status())
                .isEqualTo("✅ completed by a person");
        assertThat(new TaskRow(
                                "1.2",
                                "t",
                                "HUMAN_CHECK",
                                0,
                                null,
                                null,
                                null,
                                null,
                                null,
                                0,
                                0,
                                null,
                                null,
                                null,
                                "bo",
                                null)
                        .status())
                .isEqualTo("🟡 checking the commit of @bo");
        assertThat(row(null, null, null).status()).isEqualTo("✅ done");
    }
}
