package dev.clarity.runner.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.ProtectedFiles;
import dev.clarity.runner.config.ConfigParse;
import dev.clarity.runner.config.RepositoryConfigParser;
import dev.clarity.runner.detect.RepositoryTree;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtectedSetTest {
    /** The base commit's files. */
    private static final Set<String> BASE = Set.of("scripts/check.sh", "lint.json", "README.md", "src/App.java");

    private static final RepositoryTree TREE = new RepositoryTree() {
        @Override
        public boolean isFile(String path) {
            return BASE.contains(path);
        }

        @Override
        public boolean isExecutable(String path) {
            return false;
        }

        @Override
        public boolean isDirectory(String path) {
            return false;
        }

        @Override
        public Optional<String> read(String path) {
            return Optional.empty();
        }

        @Override
        public List<String> list(String directory) {
            return List.of();
        }
    };

    private static ProtectedSet set(String yaml, List<String> approved) {
        var config = ((ConfigParse.Parsed) new RepositoryConfigParser().parse(yaml)).config();
        return ProtectedSet.of(
                new ProtectedFiles(
                        List.of("tasks_list.md", "task_outcomes.md"),
                        List.of("--config", "lint.json", "../x"),
                        approved),
                config,
                List.of(new CriterionSpec("k", "test", "cmd", null, List.of("sh", "./scripts/check.sh"), null)),
                TREE);
    }

    @Test
    void clarity_files_named_base_files_fixed_folders_and_globs_are_protected_and_nothing_else() {
        ProtectedSet set = set("protect: [\"deploy/**\"]\n", List.of());

        assertThat(List.of(
                        "tasks_list.md",
                        "task_outcomes.md",
                        ".clarity.yml",
                        "scripts/check.sh",
                        "lint.json",
                        "artifacts/1.1/prompt.md",
                        ".github/workflows/ci.yml",
                        "deploy/prod/app.yml"))
                .allMatch(set::covers);
        assertThat(List.of("README.md", "src/App.java", "hello.txt", "sh", ".github/CODEOWNERS", "deployment.md"))
                .noneMatch(set::covers);
    }

    @Test
    void an_approved_file_stays_protected_but_counts_as_work() {
        ProtectedSet set = set("", List.of(".github/workflows/ci.yml"));

        assertThat(set.covers(".github/workflows/ci.yml")).isTrue();
        assertThat(set.isWork(".github/workflows/ci.yml")).isTrue();
        assertThat(set.isWork(".github/workflows/release.yml")).isFalse();
        assertThat(set.isWork("src/App.java")).isTrue();
    }
}
