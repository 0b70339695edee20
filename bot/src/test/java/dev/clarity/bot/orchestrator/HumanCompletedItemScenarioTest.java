package dev.clarity.bot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarity.bot.events.ProjectDirectory;
import dev.clarity.bot.events.RepositoryEventHandler;
import dev.clarity.bot.webhook.Delivery;
import dev.clarity.bot.webhook.WebhookEvents;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.tasks.ItemKind;
import dev.clarity.testkit.github.Fixtures;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person pushes to the branch of the item Clarity works on: Clarity stops writing to that branch, checks the
 * person's commit against the item's criteria, and records the item done as completed by that person on the
 * item's record branch, from which the next item goes on. Real database, real git, the orchestrator's own threads.
 */
class HumanCompletedItemScenarioTest {
    static final String PLAN = """
            ## Phase 1 — Answer
            - 1.1 Make the answer
              - 1.1.B Verify correctness of Task 1.1
                - <criterion key="answer" kind="test" check="file" args="answer.txt" />
            - 1.2 Add readme (Dependencies: 1.1)
            """;

    static final String BRANCH = "task/1.1-make-the-answer";
    static final String RECORD = "task/1.1-make-the-answer-done";
    static final ObjectMapper JSON = new ObjectMapper();

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

    /** Clarity's stand-in tool: the answer for 1.1, a readme for 1.2; {@code during11} runs inside 1.1's IMPLEMENT. */
    static ScriptedRunner.Tool tool(ThrowingRunnable during11) {
        return (taskId, attempt, ws) -> {
            switch (taskId) {
                case "1.1" -> {
                    Files.writeString(ws.resolve("answer.txt"), "Clarity's answer\n");
                    if (attempt == 0) {
                        try {
                            during11.run();
                        } catch (Exception e) {
                            throw new IOException(e);
                        }
                    }
                }
                case "1.2" -> Files.writeString(ws.resolve("README.md"), "made for 1.2\n");
                default -> {}
            }
        };
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void a_persons_push_while_the_item_is_worked_on_completes_it_when_their_commit_passes(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        List<String> person = new ArrayList<>();
        ScriptedRunner.Tool tool = tool(() -> person.add(personPushes(
                dir.resolve("person"), origin, BRANCH, "answer.txt", "the person's answer\n", "Answer by hand")));
        try (Harness h = new Harness(db, dir, tool, 2)) {
            long id = h.start(h.project("person-" + dir.getFileName(), origin), null);
            ExecutionSnapshot end = h.awaitHeld(id);

            assertThat(end.badge())
                    .as(() -> h.store.events(id).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            String personsCommit = person.getFirst();
            // the person's branch is exactly as they pushed it: Clarity's own commit never reached it
            assertThat(head(origin, BRANCH)).isEqualTo(personsCommit);
            assertThat(Harness.fileAt(origin, BRANCH, "answer.txt")).isEqualTo("the person's answer\n");
            // the record branch is the person's commit plus one commit of Clarity's: ✅, outcome, evidence
            assertThat(parent(origin, RECORD)).isEqualTo(personsCommit);
            assertThat(Harness.messageAt(origin, RECORD))
                    .startsWith("Task 1.1: Make the answer")
                    .contains("completed by a person at " + personsCommit);
            assertThat(Harness.fileAt(origin, RECORD, "answer.txt")).isEqualTo("the person's answer\n");
            assertThat(h.runner.toolRuns.get("1.1").get()).isEqualTo(1);
            // Clarity's one push of its own work was refused by the person's commit, and none came after it
            assertThat(h.runner.calls)
                    .filteredOn(c -> c.equals("push " + BRANCH))
                    .hasSize(1);
            assertThat(h.runner.calls).contains("adopt 1.1", "push " + RECORD);

            // the next items went on from the record branch and carry the person's work and its ✅ and outcome
            String last = "task/1.2-add-readme";
            assertThat(Harness.fileAt(origin, last, "answer.txt")).isEqualTo("the person's answer\n");
            String list = Harness.fileAt(origin, last, "tasks_list.md");
            assertThat(count(list, "(?m)^- 1\\.1 Make the answer ✅ \\[artifacts\\]\\(artifacts/1\\.1/\\)$"))
                    .isEqualTo(1);
            assertThat(list).containsPattern("(?m)^  - 1\\.1\\.B .*✅").containsPattern("(?m)^- 1\\.2 .*✅");
            String outcomes = Harness.fileAt(origin, last, "task_outcomes.md");
            assertThat(count(outcomes, "(?m)^## 1\\.1 ")).isEqualTo(1);
            assertThat(outcomes)
                    .contains("## 1.1 Make the answer\n\n- status: completed by a person at " + personsCommit + "\n")
                    .contains("- branch: " + BRANCH + "\n- commit: " + personsCommit + "\n");
            assertThat(h.store.events(id).stream().map(ExecutionEvent::message))
                    .anyMatch(m -> m.contains("completed by a person at " + personsCommit));
            TaskRunRecord run = h.store.findTaskRun(id, "1.1").orElseThrow();
            assertThat(run.step()).isEqualTo("DONE");
            assertThat(run.branch()).isEqualTo(RECORD);
            assertThat(run.personCommit()).isEqualTo(personsCommit);
            assertThat(end.tasksDone()).isEqualTo(3);
            assertThat(h.store.verify(id)).isInstanceOf(EventChain.Verdict.Intact.class);
        }
    }

    @Test
    void a_persons_commit_that_fails_waits_for_them_and_resume_after_their_fix_completes_it(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        Path person = dir.resolve("person");
        ScriptedRunner.Tool tool =
                tool(() -> personPushes(person, origin, BRANCH, "notes.txt", "working on it\n", "Start by hand"));
        try (Harness h = new Harness(db, dir, tool, 2)) {
            long id = h.start(h.project("person-fails-" + dir.getFileName(), origin), null);
            ExecutionSnapshot held = h.awaitHeld(id);

            assertThat(held.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(held.cursor()).isEqualTo(new Cursor("1.1", ItemKind.TASK, Step.HUMAN_REVIEW, 0));
            assertThat(h.store.events(id).getLast().message())
                    .contains("the person's commit does not pass")
                    .contains("answer: answer.txt does not exist")
                    .contains("push a fix to the branch");
            // the tool is not asked to repair the person's work
            assertThat(h.runner.toolRuns.get("1.1").get()).isEqualTo(1);
            assertThat(Harness.branches(origin)).containsExactlyInAnyOrder("main", BRANCH);

            String fix = personPushes(person, origin, BRANCH, "answer.txt", "fixed by hand\n", "Fix by hand");
            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            ExecutionSnapshot end = h.await(
                    id,
                    s -> s.badge().isTerminal()
                            || s.badge() == Badge.BLOCKED && !s.cursor().equals(held.cursor()));

            assertThat(end.badge())
                    .as(() -> h.store.events(id).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            assertThat(head(origin, BRANCH)).isEqualTo(fix);
            assertThat(parent(origin, RECORD)).isEqualTo(fix);
            assertThat(Harness.fileAt(origin, "task/1.2-add-readme", "task_outcomes.md"))
                    .contains("- status: completed by a person at " + fix + "\n");
            assertThat(h.runner.toolRuns.get("1.1").get()).isEqualTo(1);
        }
    }

    /**
     * The {@code push} delivery GitHub sends when {@code login} pushed {@code sha} to {@code branch} (the recorded
     * payload, with ref, head, sender and repository replaced), handled as the webhook route hands it over.
     */
    static void deliverPush(RepositoryEventHandler handler, Path origin, String branch, String login, String sha)
            throws IOException {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("push.with-new-branch.json"));
        payload.put("ref", "refs/heads/" + branch);
        payload.put("after", sha);
        ((ObjectNode) payload.get("sender")).put("login", login).put("type", "User");
        ((ObjectNode) payload.get("repository")).put("full_name", origin.toString());
        handler.push(WebhookEvents.pushReceived(
                Delivery.of(UUID.randomUUID().toString(), "push", Optional.empty(), payload)));
    }

    @Test
    void the_push_webhook_takes_the_item_over_and_a_later_push_of_a_fix_completes_it(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        Path person = dir.resolve("person");
        RepositoryEventHandler[] webhook = new RepositoryEventHandler[1];
        List<String> pushed = new ArrayList<>();
        ScriptedRunner.Tool tool = tool(() -> {
            // the person pushes while the tool works, and GitHub tells Clarity at once
            String sha = personPushes(person, origin, BRANCH, "notes.txt", "working on it\n", "Start by hand");
            pushed.add(sha);
            deliverPush(webhook[0], origin, BRANCH, "bo", sha);
        });
        try (Harness h = new Harness(db, dir, tool, 2)) {
            webhook[0] = new RepositoryEventHandler(
                    new ProjectDirectory(db.dsl(), "http://localhost", InstantSource.system()),
                    new RepositorySignals(h.store, h.controls),
                    h.controls);
            long project = h.project("webhook-" + dir.getFileName(), origin);
            long id = h.start(project, null);
            ExecutionSnapshot held = h.awaitHeld(id);

            assertThat(held.badge())
                    .as(() -> h.store.events(id).getLast().message())
                    .isEqualTo(Badge.BLOCKED);
            assertThat(held.cursor().step()).isEqualTo(Step.HUMAN_REVIEW);
            assertThat(h.store.events(id).getLast().message()).contains("answer: answer.txt does not exist");
            // Clarity stopped at once: no check of its own work, no commit, no push of the person's branch
            List<String> calls = List.copyOf(h.runner.calls);
            assertThat(calls).doesNotContain("merge 1.1 on " + BRANCH, "push " + BRANCH);
            assertThat(calls.indexOf("verify 1.1")).isGreaterThan(calls.indexOf("adopt 1.1"));
            assertThat(calls.indexOf("adopt 1.1")).isGreaterThan(calls.indexOf("tool 1.1 0"));
            assertThat(head(origin, BRANCH)).isEqualTo(pushed.getFirst());

            String fix = personPushes(person, origin, BRANCH, "answer.txt", "fixed by hand\n", "Fix by hand");
            deliverPush(webhook[0], origin, BRANCH, "bo", fix);
            ExecutionSnapshot end = h.await(
                    id,
                    s -> s.badge().isTerminal()
                            || s.badge() == Badge.BLOCKED && !s.cursor().equals(held.cursor()));

            assertThat(end.badge())
                    .as(() -> h.store.events(id).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            assertThat(head(origin, BRANCH)).isEqualTo(fix);
            assertThat(Harness.fileAt(origin, RECORD, "task_outcomes.md"))
                    .contains("- status: completed by a person (@bo) at " + fix + "\n");
            assertThat(h.store.events(id).stream().map(ExecutionEvent::message))
                    .anyMatch(m -> m.contains("completed by a person (@bo) at " + fix));
            // a push to an item that is done already changes nothing
            deliverPush(webhook[0], origin, BRANCH, "bo", fix);
            assertThat(h.store.find(id).orElseThrow().badge()).isEqualTo(Badge.COMPLETED);
        }
    }

    @Test
    void a_push_that_comes_in_while_the_persons_commit_is_checked_is_checked_instead(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        Path person = dir.resolve("person");
        RepositoryEventHandler[] webhook = new RepositoryEventHandler[1];
        List<String> pushed = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScriptedRunner.Tool tool = tool(() -> {
            String sha = personPushes(person, origin, BRANCH, "answer.txt", "first answer\n", "Answer by hand");
            pushed.add(sha);
            deliverPush(webhook[0], origin, BRANCH, "bo", sha);
        });
        try (Harness h = new Harness(db, dir, tool, 2)) {
            webhook[0] = new RepositoryEventHandler(
                    new ProjectDirectory(db.dsl(), "http://localhost", InstantSource.system()),
                    new RepositorySignals(h.store, h.controls),
                    h.controls);
            java.util.concurrent.atomic.AtomicBoolean adopted = new java.util.concurrent.atomic.AtomicBoolean();
            h.runner.onCall = call -> {
                if (call.equals("adopt 1.1")) {
                    adopted.set(true);
                } else if (call.equals("verify 1.1") && adopted.get() && pushed.size() == 1) {
                    // their first commit is being checked when the second one arrives
                    try {
                        String sha = personPushes(person, origin, BRANCH, "answer.txt", "better answer\n", "Better");
                        pushed.add(sha);
                        deliverPush(webhook[0], origin, BRANCH, "bo", sha);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            long id = h.start(h.project("person-again-" + dir.getFileName(), origin), null);
            ExecutionSnapshot end = h.awaitHeld(id);

            assertThat(end.badge())
                    .as(() -> h.store.events(id).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            assertThat(pushed).hasSize(2);
            String second = pushed.get(1);
            assertThat(h.runner.calls).filteredOn("adopt 1.1"::equals).hasSize(2);
            assertThat(parent(origin, RECORD)).isEqualTo(second);
            assertThat(Harness.fileAt(origin, RECORD, "answer.txt")).isEqualTo("better answer\n");
            assertThat(Harness.fileAt(origin, RECORD, "task_outcomes.md"))
                    .contains("- status: completed by a person (@bo) at " + second + "\n");
            assertThat(head(origin, BRANCH)).isEqualTo(second);
        }
    }

    @Test
    void a_runner_that_dies_after_recording_a_persons_item_leaves_one_mark_and_one_outcome(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        List<String> person = new ArrayList<>();
        ScriptedRunner.Tool tool = tool(() -> person.add(personPushes(
                dir.resolve("person"), origin, BRANCH, "answer.txt", "the person's answer\n", "Answer by hand")));
        try (Harness h = new Harness(db, dir, tool, 2)) {
            // the record commit is made, then the runner dies; after a resume the push is made, then it dies again
            h.runner.dieAfter.add("merge 1.1 on " + RECORD);
            h.runner.dieAfter.add("push " + RECORD);
            long id = h.start(h.project("person-crash-" + dir.getFileName(), origin), null);

            ExecutionSnapshot first = h.awaitHeld(id);
            assertThat(first.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(first.cursor().step()).isEqualTo(Step.MERGE);
            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            ExecutionSnapshot second =
                    h.await(id, s -> s.badge() == Badge.BLOCKED && s.cursor().step() == Step.PUSH);
            assertThat(second.cursor().taskId()).isEqualTo("1.1");
            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            ExecutionSnapshot end = h.await(id, s -> s.badge().isTerminal() || s.badge() == Badge.BLOCKED);

            assertThat(end.badge())
                    .as(() -> h.store.events(id).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            assertThat(parent(origin, RECORD)).isEqualTo(person.getFirst());
            String list = Harness.fileAt(origin, "task/1.2-add-readme", "tasks_list.md");
            assertThat(count(list, "✅")).isEqualTo(3);
            assertThat(count(list, "(?m)^- 1\\.1 Make the answer ✅ \\[artifacts\\]\\(artifacts/1\\.1/\\)$"))
                    .isEqualTo(1);
            String outcomes = Harness.fileAt(origin, "task/1.2-add-readme", "task_outcomes.md");
            assertThat(count(outcomes, "(?m)^## 1\\.1 ")).isEqualTo(1);
            assertThat(count(outcomes, "(?m)^## ")).isEqualTo(3);
        }
    }

    @Test
    void a_runner_replaced_after_the_record_was_pushed_makes_the_workspace_again_without_a_second_record(
            @TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        List<String> person = new ArrayList<>();
        ScriptedRunner.Tool tool = tool(() -> person.add(personPushes(
                dir.resolve("person"), origin, BRANCH, "answer.txt", "the person's answer\n", "Answer by hand")));
        long id;
        String recorded;
        try (Harness h = new Harness(db, dir, tool, 2)) {
            h.runner.dieAfter.add("push " + RECORD);
            id = h.start(h.project("person-lost-" + dir.getFileName(), origin), null);
            ExecutionSnapshot died = h.awaitHeld(id);
            assertThat(died.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(died.cursor().step()).isEqualTo(Step.PUSH);
            recorded = head(origin, RECORD);
        }
        // a new runner on a new machine: no workspace, no stored results; the item starts again at PREP
        org.eclipse.jgit.util.FileUtils.delete(
                dir.resolve("workspaces").resolve(ExecutionLoop.workspaceId(id)).toFile(),
                org.eclipse.jgit.util.FileUtils.RECURSIVE);
        try (Harness h = new Harness(db, dir, tool, 2)) {
            assertThat(h.controls.resume(id, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            ExecutionSnapshot end = h.await(id, s -> s.badge().isTerminal() || s.badge() == Badge.BLOCKED);

            assertThat(end.badge())
                    .as(() -> h.store.events(id).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            assertThat(h.runner.calls).containsSubsequence("prep init", "adopt 1.1", "verify 1.1", "push " + RECORD);
            assertThat(h.runner.toolRuns).containsOnlyKeys("1.2");
            assertThat(head(origin, RECORD)).isEqualTo(recorded);
            assertThat(parent(origin, RECORD)).isEqualTo(person.getFirst());
            assertThat(head(origin, BRANCH)).isEqualTo(person.getFirst());
            String outcomes = Harness.fileAt(origin, "task/1.2-add-readme", "task_outcomes.md");
            assertThat(count(outcomes, "(?m)^## 1\\.1 ")).isEqualTo(1);
            assertThat(count(Harness.fileAt(origin, "task/1.2-add-readme", "tasks_list.md"), "✅"))
                    .isEqualTo(3);
        }
    }

    @Test
    void under_merge_policy_auto_the_persons_work_reaches_the_default_branch_with_its_record(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        List<String> person = new ArrayList<>();
        ScriptedRunner.Tool tool = tool(() -> person.add(personPushes(
                dir.resolve("person"), origin, BRANCH, "answer.txt", "the person's answer\n", "Answer by hand")));
        try (Harness h = new Harness(db, dir, tool, 2)) {
            long project = h.project("person-auto-" + dir.getFileName(), origin);
            var o = h.controls.start(new dev.clarity.dashboard.controls.StartRequest(
                    project, Harness.ANA, null, null, null, "auto", null));
            long id = ((ControlOutcome.Accepted) o).executionId();
            ExecutionSnapshot end = h.awaitHeld(id);

            assertThat(end.badge())
                    .as(() -> h.store.events(id).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            assertThat(head(origin, BRANCH)).isEqualTo(person.getFirst());
            assertThat(Harness.fileAt(origin, "main", "answer.txt")).isEqualTo("the person's answer\n");
            assertThat(Harness.fileAt(origin, "main", "README.md")).isEqualTo("made for 1.2\n");
            assertThat(Harness.fileAt(origin, "main", "task_outcomes.md"))
                    .contains("- status: completed by a person at " + person.getFirst() + "\n");
            assertThat(h.store.events(id).stream().map(ExecutionEvent::message))
                    .anyMatch(m -> m.contains("merged " + RECORD + " into main"));
        }
    }

    @Test
    void a_push_to_the_branch_of_an_item_not_reached_yet_makes_it_theirs_on_top_of_the_items_before_it(
            @TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        String readme = "task/1.2-add-readme";
        RepositoryEventHandler[] webhook = new RepositoryEventHandler[1];
        List<String> pushed = new ArrayList<>();
        ScriptedRunner.Tool tool = tool(() -> {
            // while Clarity works on 1.1, a person does 1.2 on a branch from main
            String sha = personPushes(
                    dir.resolve("person"), origin, readme, "README.md", "the person's readme\n", "Readme by hand");
            pushed.add(sha);
            deliverPush(webhook[0], origin, readme, "bo", sha);
        });
        try (Harness h = new Harness(db, dir, tool, 2)) {
            webhook[0] = new RepositoryEventHandler(
                    new ProjectDirectory(db.dsl(), "http://localhost", InstantSource.system()),
                    new RepositorySignals(h.store, h.controls),
                    h.controls);
            List<ItemPublisher.PushedItem> published = new java.util.concurrent.CopyOnWriteArrayList<>();
            h.onPushed = item -> {
                published.add(item);
                return null;
            };
            long id = h.start(h.project("ahead-" + dir.getFileName(), origin), null);
            ExecutionSnapshot end = h.awaitHeld(id);

            assertThat(end.badge())
                    .as(() -> h.store.events(id).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            String person = pushed.getFirst();
            assertThat(h.runner.toolRuns).containsOnlyKeys("1.1");
            assertThat(head(origin, readme)).isEqualTo(person);
            // the record stands on the items before it (stacked) and on the person's work
            String record = readme + "-done";
            assertThat(Harness.fileAt(origin, record, "README.md")).isEqualTo("the person's readme\n");
            assertThat(Harness.fileAt(origin, record, "answer.txt")).isEqualTo("Clarity's answer\n");
            String list = Harness.fileAt(origin, record, "tasks_list.md");
            assertThat(count(list, "✅")).isEqualTo(3);
            assertThat(list).containsPattern("(?m)^- 1\\.2 Add readme \\(Dependencies: 1\\.1\\) ✅");
            String outcomes = Harness.fileAt(origin, record, "task_outcomes.md");
            assertThat(count(outcomes, "(?m)^## ")).isEqualTo(3);
            assertThat(outcomes).contains("## 1.2 Add readme\n\n- status: completed by a person (@bo) at " + person);
            assertThat(h.store.events(id).stream().map(ExecutionEvent::message))
                    .anyMatch(m -> m.contains("@bo pushed to the branch of 1.2 ahead"));
            // the pull request of the item is the record branch's, stacked on the item before it
            ItemPublisher.PushedItem pr = published.getLast();
            assertThat(pr.taskId()).isEqualTo("1.2");
            assertThat(pr.branch()).isEqualTo(record);
            assertThat(pr.baseBranch()).isEqualTo("task/1.1.B-verify-correctness-of-task-1-1");
            assertThat(pr.tool()).isNull();
        }
    }

    /**
     * A person's commit of {@code file} on {@code branch} of {@code origin}, pushed from their own clone (made on
     * first use, from {@code main} when the branch is new): what {@code git push} by a teammate does.
     */
    static String personPushes(Path clone, Path origin, String branch, String file, String content, String message)
            throws IOException, GitAPIException {
        if (!Files.isDirectory(clone.resolve(".git"))) {
            Git.cloneRepository()
                    .setURI(origin.toUri().toString())
                    .setDirectory(clone.toFile())
                    .call()
                    .close();
        }
        try (Git git = Git.open(clone.toFile())) {
            git.fetch().setRemote("origin").call();
            Repository repo = git.getRepository();
            if (repo.exactRef("refs/heads/" + branch) == null) {
                String start = repo.exactRef("refs/remotes/origin/" + branch) != null
                        ? "refs/remotes/origin/" + branch
                        : "refs/remotes/origin/main";
                git.checkout()
                        .setName(branch)
                        .setCreateBranch(true)
                        .setStartPoint(start)
                        .call();
            }
            Files.writeString(clone.resolve(file), content);
            git.add().addFilepattern(file).call();
            PersonIdent ident = new PersonIdent("Bo Person", "bo@example.com");
            RevCommit c = git.commit()
                    .setMessage(message)
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .call();
            git.push()
                    .setRemote("origin")
                    .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch))
                    .call();
            return c.name();
        }
    }

    static String head(Path repo, String branch) throws IOException {
        try (Repository r = Git.open(repo.toFile()).getRepository()) {
            return r.resolve("refs/heads/" + branch).name();
        }
    }

    static String parent(Path repo, String branch) throws IOException {
        try (Repository r = Git.open(repo.toFile()).getRepository();
                RevWalk walk = new RevWalk(r)) {
            RevCommit c = walk.parseCommit(r.resolve("refs/heads/" + branch));
            assertThat(c.getParentCount()).isEqualTo(1);
            return c.getParent(0).name();
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
