package dev.clarity.bot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.tasks.ItemKind;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executions through whole task lists: real database, real git, the orchestrator's own threads. */
class OrchestratorScenarioTest {
    static final String PLAN = """
            # Greeting plan

            ## Phase 1 — Basics
            - 1.1 Create greeting module
              - 1.1.1 Add hello file
              - 1.1.2 Add world file (Dependencies: 1.1.1)
              - 1.1.A Validate outputs of Task 1.1
              - 1.1.B Verify correctness of Task 1.1
                - <criterion key="files.hello" kind="test" check="file" args="hello.txt" />
                - <criterion 2: the world file greets the world>  [source: PRD]
              - 1.1.C Document results of Task 1.1

            ## Phase 2 — Docs
            - 2.1 Add readme (Dependencies: Phase 1)
            """;

    static final Map<String, String> FILES = Map.of("1.1.1", "hello.txt", "1.1.2", "world.txt", "2.1", "README.md");

    @TempDir
    static Path dbDir;

    static Database db;

    @BeforeAll
    static void start() {
        db = Database.open(new DatabaseLocation.Embedded(dbDir, false), 30, null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static ScriptedRunner.Tool writesItsFile() {
        return (taskId, attempt, ws) -> {
            if (FILES.containsKey(taskId)) {
                Files.writeString(ws.resolve(FILES.get(taskId)), "made for " + taskId + "\n");
            }
        };
    }

    @Test
    void a_list_with_phases_groups_and_check_blocks_runs_to_the_end(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, writesItsFile(), 2)) {
            long id = h.start(h.project("acme-" + dir.getFileName(), origin), null);
            ExecutionSnapshot end = h.awaitHeld(id);

            assertThat(end.badge()).isEqualTo(Badge.COMPLETED);
            List<String> ids = List.of("1.1.1", "1.1.2", "1.1.A", "1.1.B", "1.1.C", "2.1");
            assertThat(Harness.branches(origin))
                    .containsExactlyInAnyOrder(
                            "main",
                            "task/1.1.1-add-hello-file",
                            "task/1.1.2-add-world-file",
                            "task/1.1.A-validate-outputs-of-task-1-1",
                            "task/1.1.B-verify-correctness-of-task-1-1",
                            "task/1.1.C-document-results-of-task-1-1",
                            "task/2.1-add-readme");
            assertThat(Harness.messageAt(origin, "task/2.1-add-readme")).isEqualTo("Task 2.1: Add readme");
            assertThat(Harness.messageAt(origin, "task/1.1.1-add-hello-file")).isEqualTo("Task 1.1.1: Add hello file");

            String list = Harness.fileAt(origin, "task/2.1-add-readme", "tasks_list.md");
            for (String task : ids) {
                assertThat(list)
                        .containsPattern("(?m)^\\s*- " + Pattern.quote(task) + " .*✅ \\[artifacts\\]\\(artifacts/"
                                + Pattern.quote(task) + "/\\)");
            }
            assertThat(list).containsPattern("(?m)^- 1\\.1 Create greeting module ✅");
            String outcomes = Harness.fileAt(origin, "task/2.1-add-readme", "task_outcomes.md");
            for (String task : ids) {
                assertThat(count(outcomes, "(?m)^## " + Pattern.quote(task) + " "))
                        .as(task)
                        .isEqualTo(1);
            }
            // stacked: each branch holds the work of the ones before it
            assertThat(Harness.fileAt(origin, "task/2.1-add-readme", "hello.txt"))
                    .isEqualTo("made for 1.1.1\n");
            assertThat(Harness.fileAt(origin, "main", "hello.txt")).isNull();
            assertThat(h.store.verify(id)).isInstanceOf(EventChain.Verdict.Intact.class);
            assertThat(h.runner.toolRuns).containsOnlyKeys("1.1.1", "1.1.2", "2.1");
            var b = db.dsl()
                    .selectFrom(dev.clarity.migrations.jooq.Tables.TASK_RUNS)
                    .where(dev.clarity.migrations.jooq.Tables.TASK_RUNS.EXECUTION_ID.eq(id))
                    .and(dev.clarity.migrations.jooq.Tables.TASK_RUNS.TASK_ID.eq("1.1.B"))
                    .fetchSingle();
            assertThat(b.getCriteria())
                    .isEqualTo("files.hello (test/file)\nnot machine-checked: the world file greets the world");
            assertThat(b.getCriteriaPassed()).isEqualTo(1);
            assertThat(b.getArtifactsPath()).isEqualTo("artifacts/1.1.B/");
            // the execution page's tree: the list as the execution last read it, every item done in it
            String stored = db.dsl()
                    .select(dev.clarity.migrations.jooq.Tables.EXECUTION_TASK_LISTS.CONTENT)
                    .from(dev.clarity.migrations.jooq.Tables.EXECUTION_TASK_LISTS)
                    .where(dev.clarity.migrations.jooq.Tables.EXECUTION_TASK_LISTS.EXECUTION_ID.eq(id))
                    .fetchSingle()
                    .value1();
            assertThat(dev.clarity.dashboard.executions.TaskTree.of(
                            stored, List.of(), null, false, java.util.Set.of(), java.util.Set.of()))
                    .extracting(
                            dev.clarity.dashboard.executions.TreeItem::taskId,
                            dev.clarity.dashboard.executions.TreeItem::state)
                    .contains(
                            org.assertj.core.groups.Tuple.tuple("1", "done"),
                            org.assertj.core.groups.Tuple.tuple("1.1", "done"),
                            org.assertj.core.groups.Tuple.tuple("1.1.C", "done"),
                            org.assertj.core.groups.Tuple.tuple("2.1", "done"));
        }
    }

    @Test
    void the_stop_point_pauses_and_resume_continues(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, writesItsFile(), 2)) {
            long project = h.project("stop-" + dir.getFileName(), origin);
            long id = h.start(project, "1.1.2");
            ExecutionSnapshot paused = h.awaitHeld(id);
            assertThat(paused.badge()).isEqualTo(Badge.PAUSED);
            var status = h.controls.status(project).orElseThrow();
            assertThat(status.executionId()).isEqualTo(id);
            assertThat(status.badge()).isEqualTo("PAUSED");
            assertThat(status.done()).isEqualTo(2);
            assertThat(status.total()).isEqualTo(6);
            assertThat(status.stopAfter()).isEqualTo("1.1.2");
            assertThat(status.startedAt()).isNotNull();
            assertThat(Harness.branches(origin))
                    .containsExactlyInAnyOrder("main", "task/1.1.1-add-hello-file", "task/1.1.2-add-world-file");

            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            assertThat(h.await(id, s -> s.badge() == Badge.COMPLETED).badge()).isEqualTo(Badge.COMPLETED);
            assertThat(Harness.branches(origin)).hasSize(7);
        }
    }

    @Test
    void a_criterion_that_keeps_failing_gets_three_repairs_then_a_person_and_retry_finishes_it(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), """
                ## Phase 1 — Only
                - 1.1 Make the answer
                  - 1.1.B Verify correctness of Task 1.1
                    - <criterion key="answer" kind="test" check="file" args="answer.txt" />
                """);
        Path fixed = dir.resolve("fixed");
        ScriptedRunner.Tool tool = (taskId, attempt, ws) -> {
            Files.writeString(ws.resolve("notes-" + attempt + ".txt"), "tried " + attempt);
            if (Files.exists(fixed)) {
                Files.writeString(ws.resolve("answer.txt"), "42");
            }
        };
        try (Harness h = new Harness(db, dir, tool, 2)) {
            long id = h.start(h.project("fail-" + dir.getFileName(), origin), null);
            ExecutionSnapshot held = h.awaitHeld(id);
            assertThat(held.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(held.cursor()).isEqualTo(new Cursor("1.1", ItemKind.TASK, Step.HUMAN_REVIEW, 3));
            assertThat(h.runner.toolRuns.get("1.1").get()).isEqualTo(4);
            assertThat(h.runner.calls.stream()
                            .filter(c -> c.equals("verify 1.1"))
                            .count())
                    .isEqualTo(4);

            Files.writeString(fixed, "a person fixed the spec");
            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Refused.class);
            assertThat(h.controls.retry(id, null, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            ExecutionSnapshot end = h.await(
                    id,
                    s -> s.badge() == Badge.COMPLETED
                            || s.badge() == Badge.BLOCKED && !s.cursor().equals(held.cursor()));
            assertThat(end.badge()).isEqualTo(Badge.COMPLETED);
            assertThat(Harness.fileAt(origin, "task/1.1-make-the-answer", "answer.txt"))
                    .isEqualTo("42");
        }
    }

    @Test
    void a_repair_is_told_the_items_parent_lines_and_its_criteria_as_implement_was(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), """
                ## Phase 1 — Only
                - 1.1 Cart module
                  - 1.1.1 Make the answer
                    - 1.1.1.B Verify correctness of Task 1.1.1
                      - <criterion key="answer" kind="test" check="file" args="answer.txt" />
                """);
        ScriptedRunner.Tool tool =
                (taskId, attempt, ws) -> Files.writeString(ws.resolve("notes-" + attempt + ".txt"), "x");
        try (Harness h = new Harness(db, dir, tool, 2)) {
            long id = h.start(h.project("repair-" + dir.getFileName(), origin), null);
            h.awaitHeld(id);

            assertThat(h.runner.repairs).hasSize(3).allSatisfy(r -> {
                assertThat(r.parentContext()).contains("1.1 Cart module");
                assertThat(r.criteria()).extracting(c -> c.key()).contains("answer");
                assertThat(r.failures()).extracting(f -> f.criterionKey()).contains("answer");
            });
        }
    }

    static final String ONE_LEAF = """
            ## Phase 1 — Only
            - 1.1 Make the answer
            """;

    @Test
    void a_leaf_whose_tool_changes_nothing_gets_three_repairs_then_a_person_and_is_never_marked_done(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), ONE_LEAF);
        try (Harness h = new Harness(db, dir, (taskId, attempt, ws) -> {}, 2)) {
            long id = h.start(h.project("nothing-" + dir.getFileName(), origin), null);
            ExecutionSnapshot held = h.awaitHeld(id);

            assertThat(held.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(held.cursor()).isEqualTo(new Cursor("1.1", ItemKind.TASK, Step.HUMAN_REVIEW, 3));
            assertThat(h.runner.toolRuns.get("1.1").get()).isEqualTo(4);
            assertThat(h.runner.calls).noneMatch(c -> c.startsWith("merge ") || c.startsWith("push "));
            assertThat(Harness.branches(origin)).containsExactly("main");
            assertThat(Harness.fileAt(origin, "main", "tasks_list.md")).isEqualTo(ONE_LEAF);
            assertThat(events(id)).anyMatch(m -> m.contains("work.required: the item changes nothing"));
        }
    }

    @Test
    void a_leaf_whose_tool_only_ticks_the_task_list_is_not_work(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), ONE_LEAF);
        ScriptedRunner.Tool ticks = (taskId, attempt, ws) -> {
            Files.writeString(ws.resolve("tasks_list.md"), ONE_LEAF.replace("answer", "answer ✅"));
            Files.writeString(ws.resolve("task_outcomes.md"), "## 1.1 done\n");
        };
        try (Harness h = new Harness(db, dir, ticks, 2)) {
            long id = h.start(h.project("ticks-" + dir.getFileName(), origin), null);
            ExecutionSnapshot held = h.awaitHeld(id);

            assertThat(held.cursor()).isEqualTo(new Cursor("1.1", ItemKind.TASK, Step.HUMAN_REVIEW, 3));
            assertThat(h.runner.toolRuns.get("1.1").get()).isEqualTo(4);
            assertThat(Harness.branches(origin)).containsExactly("main");
        }
    }

    @Test
    void a_leaf_whose_tool_does_the_work_on_the_second_repair_is_done(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), ONE_LEAF);
        ScriptedRunner.Tool late = (taskId, attempt, ws) -> {
            if (attempt == 2) {
                Files.writeString(ws.resolve("answer.txt"), "42\n");
            }
        };
        try (Harness h = new Harness(db, dir, late, 2)) {
            long id = h.start(h.project("late-" + dir.getFileName(), origin), null);
            ExecutionSnapshot end = h.awaitHeld(id);

            assertThat(end.badge()).isEqualTo(Badge.COMPLETED);
            assertThat(h.runner.toolRuns.get("1.1").get()).isEqualTo(3);
            assertThat(Harness.fileAt(origin, "task/1.1-make-the-answer", "answer.txt"))
                    .isEqualTo("42\n");
            assertThat(Harness.fileAt(origin, "task/1.1-make-the-answer", "tasks_list.md"))
                    .containsPattern("(?m)^- 1\\.1 Make the answer ✅");
        }
    }

    @Test
    void with_no_checks_and_no_build_the_execution_ends_at_select_with_the_sentence_and_no_tool_runs(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), ONE_LEAF);
        ScriptedRunner.Tool works = (taskId, attempt, ws) -> Files.writeString(ws.resolve("answer.txt"), "42\n");
        try (Harness h = new Harness(db, dir, works, 2)) {
            h.runner.standardTest = false;
            long id = h.start(h.project("unchecked-" + dir.getFileName(), origin), null);
            ExecutionSnapshot ended = h.await(id, s -> s.badge() == Badge.FAILED);

            assertThat(ended.cursor()).isEqualTo(Cursor.START);
            assertThat(h.runner.toolRuns).isEmpty();
            assertThat(h.runner.calls).containsExactly("prep init"); // the clone that reads the task list, no item's
            assertThat(Harness.branches(origin)).containsExactly("main");
            assertThat(events(id)).anyMatch(m -> m.contains(dev.clarity.runner.detect.BuildDetector.ADVICE));
        }
    }

    private static List<String> events(long executionId) {
        var e = dev.clarity.migrations.jooq.Tables.EXECUTION_EVENTS;
        return db.dsl()
                .select(e.MESSAGE)
                .from(e)
                .where(e.EXECUTION_ID.eq(executionId))
                .fetch(e.MESSAGE);
    }

    @Test
    void a_tool_that_cannot_start_leaves_the_item_undone_and_waits_for_a_person_with_the_sentence(@TempDir Path dir)
            throws Exception {
        // an item without criteria: on the old code its VERIFY passed and it was committed and marked done
        Path origin = Harness.origin(dir.resolve("origin"), """
                ## Phase 1 — Only
                - 1.1 Add hello file
                """);
        String why = "the tool aider cannot be started: 'aider' is not an executable file in any directory of the"
                + " step's PATH (/usr/local/bin:/usr/bin:/bin); install aider on the runner's PATH (or in the sandbox"
                + " image), or set tools.default or tools.aider.command in .clarity.yml (see docs/configuration.md)";
        try (Harness h = new Harness(db, dir, writesItsFile(), 1)) {
            h.runner.missingTool = why;
            var stats =
                    new dev.clarity.dashboard.executions.ExecutionQueries(db.dsl(), java.time.InstantSource.system());
            var admin = new dev.clarity.dashboard.auth.Viewer(
                    1, "admin", dev.clarity.dashboard.auth.Role.ADMIN, null, "csrf", false);
            var before = aider(stats.successByTool(admin));
            long id = h.start(h.project("missing-" + dir.getFileName(), origin), null);
            ExecutionSnapshot held = h.awaitHeld(id);

            assertThat(held.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(held.cursor()).isEqualTo(new Cursor("1.1", ItemKind.TASK, Step.HUMAN_REVIEW, 0));
            assertThat(h.runner.calls).endsWith("prep 1.1", "missing 1.1").noneMatch(c -> c.startsWith("verify"));
            assertThat(Harness.branches(origin)).containsExactly("main");
            assertThat(Harness.fileAt(origin, "main", "tasks_list.md")).doesNotContain("✅");
            var run = db.dsl()
                    .selectFrom(dev.clarity.migrations.jooq.Tables.TASK_RUNS)
                    .where(dev.clarity.migrations.jooq.Tables.TASK_RUNS.EXECUTION_ID.eq(id))
                    .fetchSingle();
            // the dashboard's success rate per tool counts rows at DONE as successes: this one is not
            assertThat(run.getTool()).isEqualTo("aider");
            assertThat(run.getStep()).isNotEqualTo(Step.DONE.name());
            assertThat(run.getCommitSha()).isNull();
            assertThat(h.store.events(id).stream().map(ExecutionEvent::message))
                    .anySatisfy(m -> assertThat(m).contains("item 1.1 needs a person: " + why));
            // Stats: one more aider item that ended, and not one more success
            var after = aider(stats.successByTool(admin));
            assertThat(after.total()).isEqualTo(before.total() + 1);
            assertThat(after.ok()).isEqualTo(before.ok());
        }
    }

    private static dev.clarity.dashboard.executions.ExecutionQueries.Rate aider(
            List<dev.clarity.dashboard.executions.ExecutionQueries.Rate> rates) {
        return rates.stream()
                .filter(r -> r.name().equals("aider"))
                .findFirst()
                .orElse(new dev.clarity.dashboard.executions.ExecutionQueries.Rate("aider", 0, 0));
    }

    @Test
    void a_step_that_crosses_its_token_budget_leaves_the_item_waiting_for_a_person_naming_the_budget(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), """
                ## Phase 1 — Only
                - 1.1 Add hello file
                """);
        String why = "claude was stopped: the step's token budget of 10000 tokens was used up (10500 tokens used in 1"
                + " model requests); further model requests were refused";
        try (Harness h = new Harness(db, dir, writesItsFile(), 1)) {
            h.runner.budgetCrossed = why;
            long id = h.start(h.project("budget-" + dir.getFileName(), origin), null);
            ExecutionSnapshot held = h.awaitHeld(id);

            assertThat(held.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(held.cursor()).isEqualTo(new Cursor("1.1", ItemKind.TASK, Step.HUMAN_REVIEW, 0));
            assertThat(h.runner.calls).endsWith("prep 1.1", "budget 1.1").noneMatch(c -> c.startsWith("verify"));
            assertThat(Harness.branches(origin)).containsExactly("main");
            assertThat(h.store.events(id).stream().map(ExecutionEvent::message))
                    .anySatisfy(m -> assertThat(m).contains("item 1.1 needs a person: " + why));
        }
    }

    @Test
    void a_gated_item_waits_for_approve(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), """
                ## Phase 1 — Risky
                - 1.1 Add migration for greetings
                """);
        try (Harness h = new Harness(db, dir, (t, a, ws) -> Files.writeString(ws.resolve("V2.sql"), "select 1;"), 2)) {
            h.gates(List.of("migration"));
            long id = h.start(h.project("gate-" + dir.getFileName(), origin), null);
            ExecutionSnapshot held = h.awaitHeld(id);
            assertThat(held.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(held.cursor().step()).isEqualTo(Step.HUMAN_REVIEW);
            assertThat(h.runner.toolRuns).isEmpty();

            assertThat(h.controls.approve(id, "1.1", Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            assertThat(h.await(id, s -> s.badge() == Badge.COMPLETED).badge()).isEqualTo(Badge.COMPLETED);
            assertThat(h.runner.toolRuns.get("1.1").get()).isEqualTo(1);
        }
    }

    @Test
    void two_requests_on_one_repository_queue_and_the_second_is_told_why(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, writesItsFile(), 4)) {
            long project = h.project("queue-" + dir.getFileName(), origin);
            long first = h.start(project, "1.1.1");
            h.await(first, s -> s.badge() != Badge.QUEUED);
            var second = h.controls.start(new dev.clarity.dashboard.controls.StartRequest(
                    project, new dev.clarity.dashboard.controls.Actor("bo", "comment"), null, null, null, null, null));
            assertThat(second.message()).startsWith("Queued: a run for ").contains("started by @ana");
            long secondId = ((ControlOutcome.Accepted) second).executionId();
            assertThat(h.awaitHeld(first).badge()).isEqualTo(Badge.PAUSED);
            assertThat(h.store.find(secondId).orElseThrow().badge()).isEqualTo(Badge.QUEUED);
            h.controls.stop(first, Harness.ANA);
            assertThat(h.await(secondId, s -> s.badge() == Badge.COMPLETED).badge())
                    .isEqualTo(Badge.COMPLETED);
        }
    }

    @Test
    void twenty_executions_on_twenty_repositories_run_side_by_side_without_touching_each_other(@TempDir Path dir)
            throws Exception {
        // each tool run leaves a marker naming its repository; a marker of another repository would be a leak
        ScriptedRunner.Tool tool = (taskId, attempt, ws) -> {
            String me = Files.readString(ws.resolve("owner.txt")).strip();
            try (var files = Files.list(ws)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("made-by-")))
                        .allMatch(n -> n.equals("made-by-" + me + "-" + n.substring(("made-by-" + me + "-").length())));
            }
            Files.writeString(ws.resolve("made-by-" + me + "-" + taskId), taskId);
            writesItsFile().run(taskId, attempt, ws);
        };
        try (Harness h = new Harness(db, dir, tool, 20)) {
            List<Long> ids = new java.util.ArrayList<>();
            List<Path> origins = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Path origin = Harness.origin(dir.resolve("origin-" + i), PLAN);
                Files.writeString(origin.resolve("owner.txt"), "repo" + i);
                try (var git = org.eclipse.jgit.api.Git.open(origin.toFile())) {
                    git.add().addFilepattern("owner.txt").call();
                    var ident = new org.eclipse.jgit.lib.PersonIdent("Planner", "planner@example.com");
                    git.commit()
                            .setMessage("owner")
                            .setAuthor(ident)
                            .setCommitter(ident)
                            .setSign(false)
                            .call();
                }
                origins.add(origin);
                ids.add(h.start(h.project("par" + i + "-" + dir.getFileName(), origin), null));
            }
            for (int i = 0; i < 20; i++) {
                long id = ids.get(i);
                assertThat(h.await(
                                        id,
                                        s -> s.badge() == Badge.COMPLETED
                                                || s.badge().isTerminal())
                                .badge())
                        .isEqualTo(Badge.COMPLETED);
                assertThat(h.store.verify(id)).isInstanceOf(EventChain.Verdict.Intact.class);
                String readme = Harness.fileAt(origins.get(i), "task/2.1-add-readme", "made-by-repo" + i + "-2.1");
                assertThat(readme).isEqualTo("2.1");
            }
            long transitions = db.dsl()
                    .fetchCount(
                            dev.clarity.migrations.jooq.Tables.EXECUTION_EVENTS,
                            dev.clarity.migrations.jooq.Tables.EXECUTION_EVENTS
                                    .EXECUTION_ID
                                    .in(ids)
                                    .and(dev.clarity.migrations.jooq.Tables.EXECUTION_EVENTS.MESSAGE.startsWith(
                                            "done ")));
            assertThat(transitions).isEqualTo(20L * 6);
        }
    }

    @Test
    void an_item_skipped_ahead_is_left_undone_and_its_dependents_wait(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, writesItsFile(), 2)) {
            long id = h.start(h.project("skip-" + dir.getFileName(), origin), "1.1.1");
            assertThat(h.awaitHeld(id).badge()).isEqualTo(Badge.PAUSED);

            assertThat(h.controls.skip(id, "1.1.2", Harness.ANA).message()).contains("will be skipped");
            assertThat(h.controls.stopAfter(id, "1.1.C", Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            ExecutionSnapshot end = h.await(
                    id,
                    s -> s.badge() == Badge.PAUSED
                            && s.cursor().step() == Step.SELECT
                            && h.store.taskRuns(id).size() > 1);

            assertThat(end.stopAfter()).isEqualTo("1.1.C");
            assertThat(Harness.branches(origin))
                    .contains("task/1.1.C-document-results-of-task-1-1")
                    .doesNotContain("task/1.1.2-add-world-file");
            assertThat(db.dsl()
                            .fetchCount(
                                    dev.clarity.migrations.jooq.Tables.AUDIT,
                                    dev.clarity.migrations.jooq.Tables.AUDIT.EXECUTION_ID.eq(id)))
                    .isGreaterThanOrEqualTo(3);

            // one audit row per request, from the channel that received it: the dashboard writes its own
            int before = audited(id);
            var fromDashboard = new dev.clarity.dashboard.controls.Actor("bo", "dashboard");
            assertThat(h.controls.stopAfter(id, "2.1", fromDashboard)).isInstanceOf(ControlOutcome.Accepted.class);
            assertThat(audited(id)).isEqualTo(before);
            assertThat(h.controls.merged(id, Harness.ANA)).isInstanceOf(ControlOutcome.Refused.class);
            assertThat(audited(id)).isEqualTo(before + 1);

            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            ExecutionSnapshot blocked = h.await(id, s -> s.badge() == Badge.BLOCKED);
            assertThat(h.store.events(id).getLast().message()).contains("2.1 waits for");
            assertThat(blocked.cursor().step()).isEqualTo(Step.SELECT);
        }
    }

    @Test
    void a_tool_that_rewrites_clarity_yml_does_not_choose_the_merge_policy(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), """
                ## Phase 1 — Only
                - 1.1 Add hello
                """);
        ScriptedRunner.Tool tool = (taskId, attempt, ws) -> {
            // auto would push the item to the default branch; only a person's .clarity.yml may ask for that
            Files.writeString(ws.resolve(".clarity.yml"), "merge: auto\n");
            Files.writeString(ws.resolve("hello.txt"), "hello\n");
        };
        try (Harness h = new Harness(db, dir, tool, 1, RepoSettingsReader::new)) {
            long id = h.start(h.project("base-" + dir.getFileName(), origin), null);

            assertThat(h.awaitHeld(id).badge()).isEqualTo(Badge.COMPLETED);
            assertThat(Harness.fileAt(origin, "task/1.1-add-hello", "hello.txt"))
                    .isEqualTo("hello\n");
            assertThat(Harness.fileAt(origin, "main", "hello.txt"))
                    .as("the item merged into the default branch")
                    .isNull();
        }
    }

    private int audited(long executionId) {
        return db.dsl()
                .fetchCount(
                        dev.clarity.migrations.jooq.Tables.AUDIT,
                        dev.clarity.migrations.jooq.Tables.AUDIT.EXECUTION_ID.eq(executionId));
    }

    private long startAuto(Harness h, Path origin, String name) {
        return startWith(h, origin, name, "auto");
    }

    private long startWith(Harness h, Path origin, String name, String mergePolicy) {
        long project = h.project(name, origin);
        var o = h.controls.start(new dev.clarity.dashboard.controls.StartRequest(
                project, Harness.ANA, null, null, null, mergePolicy, null));
        return ((ControlOutcome.Accepted) o).executionId();
    }

    /** A teammate's commit straight on the origin's default branch (the origin is a working repository on main). */
    private static void teammateCommits(Path origin, String file, String content) throws java.io.IOException {
        try (Git git = Git.open(origin.toFile())) {
            // pushes moved main under the origin's working tree: bring the tree to main first
            git.reset()
                    .setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
                    .call();
            Files.writeString(origin.resolve(file), content);
            git.add().addFilepattern(file).call();
            PersonIdent ident = new PersonIdent("Teammate", "teammate@example.com");
            git.commit()
                    .setMessage("Teammate: " + file)
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .call();
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new java.io.IOException(e);
        }
    }

    @Test
    void a_runner_failure_blocks_the_execution_at_its_step_and_resume_runs_the_step_again(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        ScriptedRunner.Tool tool = (taskId, attempt, ws) -> {
            if (taskId.equals("1.1.2") && down.getAndSet(false)) {
                throw new dev.clarity.runner.api.RunnerException("the runner at http://runner-1:9001 did not answer");
            }
            writesItsFile().run(taskId, attempt, ws);
        };
        try (Harness h = new Harness(db, dir, tool, 2)) {
            long id = h.start(h.project("runner-down-" + dir.getFileName(), origin), null);
            ExecutionSnapshot blocked = h.awaitHeld(id);

            assertThat(blocked.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(blocked.cursor().taskId()).isEqualTo("1.1.2");
            assertThat(blocked.cursor().step()).isEqualTo(Step.IMPLEMENT);
            assertThat(h.store.events(id).getLast().message())
                    .contains("the runner failed at IMPLEMENT (the runner at http://runner-1:9001 did not answer)");

            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            assertThat(h.await(id, s -> s.badge() == Badge.COMPLETED).badge()).isEqualTo(Badge.COMPLETED);
            assertThat(h.store.taskRuns(id)).extracting(r -> r.taskId()).contains("1.1.2", "2.1");
        }
    }

    @Test
    void a_runner_killed_mid_clone_blocks_and_resume_clones_again_instead_of_failing_on_the_task_list(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, writesItsFile(), 2)) {
            java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
            h.runner.beforePrep = r -> {
                if (r.taskId().equals("init") && !killed.getAndSet(true)) {
                    // what a SIGKILL during the clone leaves: the repository created, nothing fetched or checked out
                    Path ws = h.runner.workspaces.directory(r.workspaceId());
                    try {
                        Git.init()
                                .setDirectory(ws.toFile())
                                .setInitialBranch("main")
                                .call()
                                .close();
                    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
                        throw new IllegalStateException(e);
                    }
                    throw new dev.clarity.runner.api.RunnerException("the runner at http://runner-1:9001 went away");
                }
            };
            long id = h.start(h.project("killed-clone-" + dir.getFileName(), origin), null);
            ExecutionSnapshot blocked = h.awaitHeld(id);
            assertThat(blocked.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(h.runner
                            .workspaces
                            .directory(ExecutionLoop.workspaceId(id))
                            .resolve(".git"))
                    .isDirectory();

            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            ExecutionSnapshot end = h.awaitHeld(id);

            assertThat(end.badge()).as(h.store.events(id).getLast().message()).isEqualTo(Badge.COMPLETED);
            assertThat(h.store.events(id)).noneMatch(e -> e.message().contains("task list cannot be read"));
            assertThat(h.store.verify(id)).isInstanceOf(EventChain.Verdict.Intact.class);
        }
    }

    @Test
    void an_unexpected_error_blocks_the_execution_at_its_step_with_its_state_kept(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean(true);
        ScriptedRunner.Tool tool = (taskId, attempt, ws) -> {
            if (taskId.equals("1.1.2") && broken.getAndSet(false)) {
                throw new IllegalStateException("a bug in the tool adapter");
            }
            writesItsFile().run(taskId, attempt, ws);
        };
        try (Harness h = new Harness(db, dir, tool, 2)) {
            long id = h.start(h.project("bug-" + dir.getFileName(), origin), null);
            ExecutionSnapshot blocked = h.awaitHeld(id);

            assertThat(blocked.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(blocked.cursor().taskId()).isEqualTo("1.1.2");
            assertThat(blocked.cursor().step()).isEqualTo(Step.IMPLEMENT);
            assertThat(h.store.events(id).getLast().message())
                    .isEqualTo("an internal error at IMPLEMENT (a bug in the tool adapter); resume to run the step"
                            + " again");

            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            assertThat(h.await(id, s -> s.badge() == Badge.COMPLETED).badge()).isEqualTo(Badge.COMPLETED);
            assertThat(h.store.verify(id)).isInstanceOf(EventChain.Verdict.Intact.class);
        }
    }

    @Test
    void a_pull_request_github_does_not_take_is_written_again_later_and_nothing_is_lost(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, writesItsFile(), 2)) {
            java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
            List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();
            h.onPushed = item -> {
                if (item.taskId().equals("1.1.1") && refusals.getAndIncrement() < 3) {
                    throw new ItemPublisher.NotTaken("creating a pull request: GitHub answered 502", null);
                }
                published.add(item.taskId());
                return "https://github.com/acme/shop/pull/" + published.size();
            };
            long id = h.start(h.project("github-down-" + dir.getFileName(), origin), null);

            assertThat(h.awaitHeld(id).badge()).isEqualTo(Badge.COMPLETED);
            assertThat(h.pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20));
            assertThat(published).containsExactly("1.1.1", "1.1.2", "1.1.A", "1.1.B", "1.1.C", "2.1");
            assertThat(h.store.events(id).stream().map(e -> e.message()))
                    .filteredOn(m -> m.startsWith("GitHub did not take the write"))
                    .hasSize(3)
                    .first()
                    .isEqualTo("GitHub did not take the write (creating a pull request: GitHub answered 502); trying"
                            + " again in 5 s");
            assertThat(h.store.taskRuns(id).getFirst().prUrl()).isEqualTo("https://github.com/acme/shop/pull/1");
        }
    }

    @Test
    void a_pull_request_refused_for_a_rate_limit_is_written_again_only_when_the_limit_ends(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, writesItsFile(), 2)) {
            java.util.concurrent.atomic.AtomicBoolean refused = new java.util.concurrent.atomic.AtomicBoolean();
            h.onPushed = item -> {
                if (item.taskId().equals("1.1.1") && !refused.getAndSet(true)) {
                    throw new ItemPublisher.NotTaken(
                            "creating a pull request: still rate limited",
                            null,
                            java.time.Instant.now().plus(Duration.ofMinutes(15)));
                }
                return "https://github.com/acme/shop/pull/1";
            };
            long id = h.start(h.project("rate-limited-" + dir.getFileName(), origin), null);

            assertThat(h.awaitHeld(id).badge()).isEqualTo(Badge.COMPLETED);
            assertThat(h.pauses)
                    .singleElement()
                    .satisfies(p -> assertThat(p).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15)));
        }
    }

    @Test
    void merge_policy_wait_without_github_goes_on_only_once_a_person_merged_the_item(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, writesItsFile(), 2)) {
            long id = startWith(h, origin, "wait-" + dir.getFileName(), "wait");
            ExecutionSnapshot first = h.awaitHeld(id);
            assertThat(first.badge()).isEqualTo(Badge.PAUSED);
            assertThat(first.cursor().step()).isEqualTo(Step.DONE);
            assertThat(first.cursor().taskId()).isEqualTo("1.1.1");

            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            ExecutionSnapshot notYet = h.awaitHeld(id);
            assertThat(notYet.badge()).isEqualTo(Badge.PAUSED);
            assertThat(notYet.cursor().taskId()).isEqualTo("1.1.1");
            assertThat(h.store.events(id).getLast().message())
                    .contains("still waiting: task/1.1.1-add-hello-file is not merged into main yet");

            try (Git git = Git.open(origin.toFile())) {
                git.reset()
                        .setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
                        .call();
                git.merge()
                        .include(git.getRepository().resolve("refs/heads/task/1.1.1-add-hello-file"))
                        .call();
            }
            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            ExecutionSnapshot next = h.awaitHeld(id);
            assertThat(next.badge()).isEqualTo(Badge.PAUSED);
            assertThat(next.cursor().taskId()).isEqualTo("1.1.2");
            // the next item started from the merged main
            assertThat(Harness.fileAt(origin, "task/1.1.2-add-world-file", "hello.txt"))
                    .isEqualTo("made for 1.1.1\n");
        }
    }

    @Test
    void a_merge_signalled_again_does_not_let_the_next_item_go_on_unmerged(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, writesItsFile(), 2)) {
            long project = h.project("wait-again-" + dir.getFileName(), origin);
            var o = h.controls.start(new dev.clarity.dashboard.controls.StartRequest(
                    project, Harness.ANA, null, null, null, "wait", null));
            long id = ((ControlOutcome.Accepted) o).executionId();
            assertThat(h.awaitHeld(id).cursor().taskId()).isEqualTo("1.1.1");
            try (Git git = Git.open(origin.toFile())) {
                git.reset()
                        .setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
                        .call();
                git.merge()
                        .include(git.getRepository().resolve("refs/heads/task/1.1.1-add-hello-file"))
                        .call();
            }
            var signals = new RepositorySignals(h.store, h.controls);
            signals.pullRequestMerged(project, 1, "task/1.1.1-add-hello-file", "main");
            ExecutionSnapshot second = h.await(
                    id,
                    s -> s.badge() == Badge.PAUSED && "1.1.2".equals(s.cursor().taskId()));
            assertThat(second.cursor().step()).isEqualTo(Step.DONE);

            // the same merge again (its delivery handled a second time), and a merge of some other branch
            signals.pullRequestMerged(project, 1, "task/1.1.1-add-hello-file", "main");
            signals.pullRequestMerged(project, 7, "feature/unrelated", "main");

            ExecutionSnapshot still = h.store.find(id).orElseThrow();
            assertThat(still.badge()).isEqualTo(Badge.PAUSED);
            assertThat(still.cursor()).isEqualTo(second.cursor());
        }
    }

    @Test
    void a_stop_point_under_merge_policy_wait_is_not_passed_by_the_merge_alone(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, writesItsFile(), 2)) {
            long project = h.project("wait-stop-" + dir.getFileName(), origin);
            var o = h.controls.start(new dev.clarity.dashboard.controls.StartRequest(
                    project, Harness.ANA, "1.1.1", null, null, "wait", null));
            long id = ((ControlOutcome.Accepted) o).executionId();
            ExecutionSnapshot stopped = h.awaitHeld(id);
            assertThat(stopped.badge()).isEqualTo(Badge.PAUSED);
            assertThat(stopped.cursor().step()).isEqualTo(Step.DONE);
            assertThat(h.store.events(id).getLast().message())
                    .startsWith("stop point reached after 1.1.1")
                    .endsWith("its pull request must be merged before the next item");

            try (Git git = Git.open(origin.toFile())) {
                git.reset()
                        .setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
                        .call();
                git.merge()
                        .include(git.getRepository().resolve("refs/heads/task/1.1.1-add-hello-file"))
                        .call();
            }
            // the merged pull request's signal goes past a merge wait, not past a stop point
            new RepositorySignals(h.store, h.controls)
                    .pullRequestMerged(project, 1, "task/1.1.1-add-hello-file", "main");
            ExecutionSnapshot still = h.store.find(id).orElseThrow();
            assertThat(still.badge()).isEqualTo(Badge.PAUSED);
            assertThat(still.cursor()).isEqualTo(stopped.cursor());

            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            ExecutionSnapshot next = h.awaitHeld(id);
            assertThat(next.badge()).isEqualTo(Badge.PAUSED);
            assertThat(next.cursor().taskId()).isEqualTo("1.1.2");
            assertThat(Harness.fileAt(origin, "task/1.1.2-add-world-file", "hello.txt"))
                    .isEqualTo("made for 1.1.1\n");
        }
    }

    @Test
    void merge_policy_auto_lands_each_item_on_the_default_branch_and_starts_the_next_from_it(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, writesItsFile(), 2)) {
            long id = startAuto(h, origin, "auto-" + dir.getFileName());
            ExecutionSnapshot end = h.awaitHeld(id);

            assertThat(end.badge())
                    .as(() -> h.store.events(id).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            // every item's work is on main, and main is the last item's commit (fast-forwards all the way)
            assertThat(Harness.fileAt(origin, "main", "hello.txt")).isEqualTo("made for 1.1.1\n");
            assertThat(Harness.fileAt(origin, "main", "world.txt")).isEqualTo("made for 1.1.2\n");
            assertThat(Harness.fileAt(origin, "main", "README.md")).isEqualTo("made for 2.1\n");
            assertThat(Harness.messageAt(origin, "main")).isEqualTo("Task 2.1: Add readme");
            String list = Harness.fileAt(origin, "main", "tasks_list.md");
            for (String task : List.of("1.1.1", "1.1.2", "1.1.A", "1.1.B", "1.1.C", "2.1")) {
                assertThat(list).containsPattern("(?m)^\\s*- " + Pattern.quote(task) + " .*✅");
                assertThat(count(
                                Harness.fileAt(origin, "main", "task_outcomes.md"),
                                "(?m)^## " + Pattern.quote(task) + " "))
                        .as(task)
                        .isEqualTo(1);
            }
            // each item started from main as the previous item left it
            assertThat(Harness.fileAt(origin, "task/1.1.2-add-world-file", "hello.txt"))
                    .isEqualTo("made for 1.1.1\n");
            assertThat(h.store.events(id).stream().map(e -> e.message()))
                    .anyMatch(m -> m.contains("merged task/1.1.1-add-hello-file into main"));
            assertThat(h.store.verify(id)).isInstanceOf(EventChain.Verdict.Intact.class);
        }
    }

    @Test
    void merge_policy_auto_on_a_checkout_with_changes_of_its_own_waits_at_push_and_goes_on_once_it_is_clean(
            @TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        Files.writeString(origin.resolve("tasks_list.md"), PLAN + "\n- a note of my own\n");
        try (Harness h = new Harness(db, dir, writesItsFile(), 2)) {
            long id = startAuto(h, origin, "auto-dirty-" + dir.getFileName());
            ExecutionSnapshot held = h.awaitHeld(id);

            assertThat(held.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(held.cursor().step()).isEqualTo(Step.PUSH);
            assertThat(held.cursor().taskId()).isEqualTo("1.1.1");
            assertThat(h.store.events(id).getLast().message())
                    .contains("main is checked out in " + origin)
                    .contains("uncommitted changes (tasks_list.md)")
                    .contains("git merge task/1.1.1-add-hello-file");
            assertThat(Harness.fileAt(origin, "main", "hello.txt")).isNull();
            assertThat(Files.readString(origin.resolve("tasks_list.md"))).endsWith("- a note of my own\n");

            Files.writeString(origin.resolve("tasks_list.md"), PLAN);
            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            ExecutionSnapshot end = h.awaitHeld(id);

            assertThat(end.badge())
                    .as(() -> h.store.events(id).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            // the checkout followed main all the way: HEAD, index and work tree agree
            try (Git git = Git.open(origin.toFile())) {
                var status = git.status().call();
                assertThat(status.isClean())
                        .as(status.getUncommittedChanges().toString())
                        .isTrue();
                assertThat(git.getRepository().getBranch()).isEqualTo("main");
            }
            assertThat(Files.readString(origin.resolve("README.md"))).isEqualTo("made for 2.1\n");
        }
    }

    @Test
    void merge_policy_auto_makes_a_merge_commit_when_a_teammate_moved_the_default_branch(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        ScriptedRunner.Tool tool = (taskId, attempt, ws) -> {
            writesItsFile().run(taskId, attempt, ws);
            if (taskId.equals("1.1.2")) {
                teammateCommits(origin, "team.txt", "from the team\n");
            }
        };
        try (Harness h = new Harness(db, dir, tool, 2)) {
            long id = startAuto(h, origin, "auto-merge-" + dir.getFileName());
            ExecutionSnapshot end = h.awaitHeld(id);

            assertThat(end.badge())
                    .as(() -> h.store.events(id).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            assertThat(Harness.fileAt(origin, "main", "team.txt")).isEqualTo("from the team\n");
            assertThat(Harness.fileAt(origin, "main", "world.txt")).isEqualTo("made for 1.1.2\n");
            assertThat(Harness.fileAt(origin, "main", "README.md")).isEqualTo("made for 2.1\n");
            // the item after the merge started from the merged main: it carries the teammate's file
            assertThat(Harness.fileAt(origin, "task/2.1-add-readme", "team.txt"))
                    .isEqualTo("from the team\n");
            assertThat(h.store.events(id).stream().map(e -> e.message()))
                    .anyMatch(m -> m.contains("merged task/1.1.2-add-world-file into main"));
            try (Git git = Git.open(origin.toFile())) {
                List<String> messages = new java.util.ArrayList<>();
                git.log().call().forEach(c -> messages.add(c.getShortMessage()));
                assertThat(messages).contains("Merge task/1.1.2-add-world-file into main", "Teammate: team.txt");
            }
        }
    }

    @Test
    void merge_policy_auto_hands_a_conflict_to_a_person_and_leaves_the_default_branch_alone(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        ScriptedRunner.Tool tool = (taskId, attempt, ws) -> {
            writesItsFile().run(taskId, attempt, ws);
            if (taskId.equals("1.1.1")) {
                teammateCommits(origin, "hello.txt", "the team's hello\n");
            }
        };
        try (Harness h = new Harness(db, dir, tool, 2)) {
            long id = startAuto(h, origin, "auto-conflict-" + dir.getFileName());
            ExecutionSnapshot held = h.awaitHeld(id);

            assertThat(held.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(held.cursor().step()).isEqualTo(Step.HUMAN_REVIEW);
            assertThat(held.cursor().taskId()).isEqualTo("1.1.1");
            assertThat(h.store.events(id).getLast().message())
                    .contains("task/1.1.1-add-hello-file conflicts with main")
                    .contains("merge it by hand");
            assertThat(Harness.messageAt(origin, "main")).isEqualTo("Teammate: hello.txt");
            assertThat(Harness.fileAt(origin, "main", "hello.txt")).isEqualTo("the team's hello\n");
            // the item's own branch was pushed for the person to merge
            assertThat(Harness.fileAt(origin, "task/1.1.1-add-hello-file", "hello.txt"))
                    .isEqualTo("made for 1.1.1\n");
        }
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
