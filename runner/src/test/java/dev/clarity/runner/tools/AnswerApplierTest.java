package dev.clarity.runner.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerApplierTest {
    @TempDir
    Path ws;

    @Test
    void a_unified_diff_is_applied() throws Exception {
        Git.init().setDirectory(ws.toFile()).call().close();
        Files.writeString(ws.resolve("a.txt"), "one\ntwo\n");
        String answer = """
                Sure:
                ```diff
                --- a/a.txt
                +++ b/a.txt
                @@ -1,2 +1,2 @@
                 one
                -two
                +three
                ```
                """;
        assertThat(AnswerApplier.apply(ws, answer)).isEqualTo(new AnswerOutcome.Applied(List.of("a.txt")));
        assertThat(ws.resolve("a.txt")).hasContent("one\nthree");
    }

    @Test
    void a_diff_touching_a_path_outside_is_refused() throws Exception {
        Git.init().setDirectory(ws.toFile()).call().close();
        String answer = "--- a/../x.txt\n+++ b/../x.txt\n@@ -0,0 +1 @@\n+x\n";
        assertThat(AnswerApplier.apply(ws, answer)).isInstanceOf(AnswerOutcome.Refused.class);
    }

    @Test
    void a_path_on_the_line_before_the_fence_names_the_file_and_text_without_files_applies_nothing() {
        String answer = "**src/App.py**\n```python\nprint('hi')\n```\n";
        assertThat(AnswerApplier.apply(ws, answer)).isEqualTo(new AnswerOutcome.Applied(List.of("src/App.py")));
        assertThat(ws.resolve("src/App.py")).hasContent("print('hi')");
        assertThat(AnswerApplier.apply(ws, "I cannot help with that.")).isEqualTo(new AnswerOutcome.NothingToApply());
    }

    @Test
    void a_symlink_leading_out_of_the_workspace_is_refused(@TempDir Path outside) throws Exception {
        Files.createSymbolicLink(ws.resolve("link"), outside);
        String answer = "```text link/x.txt\nx\n```\n";
        assertThat(AnswerApplier.apply(ws, answer)).isInstanceOf(AnswerOutcome.Refused.class);
        assertThat(outside.resolve("x.txt")).doesNotExist();
    }

    @Test
    void an_answer_of_many_unclosed_fences_is_read_in_linear_time() {
        String answer = "```x\n".repeat(200_000);
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> AnswerApplier.fencedFiles(answer)))
                .isEmpty();
        String closedLast = "```a.txt\n".repeat(100_000) + "```\n";
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> AnswerApplier.fencedFiles(closedLast)))
                .containsOnlyKeys("a.txt")
                .containsEntry("a.txt", "```a.txt\n".repeat(99_999));
    }

    @Test
    void a_fence_info_of_many_dots_and_slashes_is_read_in_linear_time() {
        String answer = "```" + "./".repeat(100_000) + "!\ncontent\n```\n";
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> AnswerApplier.fencedFiles(answer)))
                .isEmpty();
        assertThat(AnswerApplier.fencedFiles("```java src/A.java\nclass A {}\n```\n"))
                .containsEntry("src/A.java", "class A {}\n");
    }

    @Test
    void a_model_answer_that_writes_into_git_is_refused_directly_or_through_a_link() throws Exception {
        Git.init().setDirectory(ws.toFile()).call().close();
        Files.createSymbolicLink(ws.resolve("g"), Path.of(".git"));
        for (String path : List.of(".git/hooks/pre-commit", "g/hooks/pre-commit")) {
            String answer = "```sh " + path + "\n#!/bin/sh\necho owned\n```\n";
            assertThat(AnswerApplier.apply(ws, answer)).as(path).isInstanceOf(AnswerOutcome.Refused.class);
        }
        String diff = "--- a/g/config\n+++ b/g/config\n@@ -0,0 +1 @@\n+[core]\n";
        assertThat(AnswerApplier.apply(ws, diff)).isInstanceOf(AnswerOutcome.Refused.class);
        assertThat(ws.resolve(".git/hooks/pre-commit")).doesNotExist();
    }
}
