package dev.clarity.bot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.vocabulary.Badge;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ended execution carries the one sentence saying why, stored with it; a mistake in the repository's own files
 * (an invalid {@code .clarity.yml}, a task list that is not UTF-8) is reported as that, with file and line.
 */
class EndReasonScenarioTest {
    @TempDir
    static Path dbDir;

    static Database db;

    @BeforeAll
    static void start() {
        db = Database.open(new DatabaseLocation.Embedded(dbDir, false), 10, null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void a_failed_execution_keeps_the_sentence_of_the_transition_that_ended_it(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), "# Nothing planned yet\n");
        try (Harness h = new Harness(db, dir, (taskId, attempt, ws) -> {}, 1)) {
            long id = h.start(h.project("empty-" + dir.getFileName(), origin), null);

            ExecutionSnapshot ended = h.awaitHeld(id);

            assertThat(ended.badge()).isEqualTo(Badge.FAILED);
            assertThat(ended.reason()).contains("the task list holds no tasks");
        }
    }

    @Test
    void a_completed_execution_says_so_and_a_running_one_has_no_reason(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), "## Phase 1 — Only\n- 1.1 Add hello\n");
        ScriptedRunner.Tool tool = (taskId, attempt, ws) -> Files.writeString(ws.resolve("hello.txt"), "hello\n");
        try (Harness h = new Harness(db, dir, tool, 1)) {
            long id = h.start(h.project("done-" + dir.getFileName(), origin), null);
            assertThat(h.store.find(id).orElseThrow().reason()).isEmpty();

            ExecutionSnapshot ended = h.awaitHeld(id);

            assertThat(ended.badge()).isEqualTo(Badge.COMPLETED);
            assertThat(ended.reason()).contains("every item is done");
        }
    }

    @Test
    void a_typo_in_clarity_yml_fails_the_execution_as_a_configuration_error_with_its_line(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), "## Phase 1 — Only\n- 1.1 Add hello\n");
        commit(origin, ".clarity.yml", "tools:\n  default: aider\nmerg: auto\n".getBytes());
        try (Harness h = new Harness(db, dir, (taskId, attempt, ws) -> {}, 1, RepoSettingsReader::new)) {
            long id = h.start(h.project("typo-" + dir.getFileName(), origin), null);

            ExecutionSnapshot ended = h.awaitHeld(id);

            assertThat(ended.badge()).isEqualTo(Badge.FAILED);
            assertThat(ended.reason().orElseThrow())
                    .startsWith("the repository's configuration is invalid (.clarity.yml line 3, ")
                    .contains("merg")
                    .endsWith("fix it on main and run again")
                    .doesNotContain("could not continue");
        }
    }

    @Test
    void a_task_list_that_is_not_utf8_is_named_with_its_line(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), "## Phase 1 — Only\n");
        commit(origin, "tasks_list.md", "## Phase 1 — Only\n- 1.1 Add h\u00e9llo\n".getBytes("ISO-8859-1"));
        try (Harness h = new Harness(db, dir, (taskId, attempt, ws) -> {}, 1)) {
            long id = h.start(h.project("latin1-" + dir.getFileName(), origin), null);

            ExecutionSnapshot ended = h.awaitHeld(id);

            assertThat(ended.badge()).isEqualTo(Badge.FAILED);
            assertThat(ended.reason().orElseThrow())
                    .startsWith("the task list cannot be read (tasks_list.md line 2: the file is not UTF-8");
        }
    }

    private static void commit(Path repo, String file, byte[] content) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            Files.write(repo.resolve(file), content);
            git.add().addFilepattern(file).call();
            PersonIdent ident = new PersonIdent("Planner", "planner@example.com");
            git.commit()
                    .setMessage("Change " + file)
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .call();
        }
    }
}
