package dev.clarity.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarity.bot.app.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./clarity run} as a user runs it: the packaged jar, the embedded database, the in-process runner with the
 * process sandbox, and a stand-in agent script as the tool.
 */
class LocalRunIT {
    private static final Path JAR = Path.of("target", "clarity.jar").toAbsolutePath();

    static final String PLAN = """
            # Demo
            ## Phase 1 — Greeting
            - 1.1 Greeting
              - 1.1.1 Add hello file
              - 1.1.2 Add world file (Dependencies: 1.1.1)
              - 1.1.B Verify correctness of Task 1.1
                - <criterion key="files.hello" kind="test" check="file" args="hello.txt" />
                - <criterion key="files.world" kind="test" check="file" args="world.txt" />
            """;

    static final String AGENT = """
            #!/bin/sh
            echo "agent on $CLARITY_TASK_ID attempt $CLARITY_ATTEMPT"
            case "$CLARITY_TASK_ID" in
              1.1.1) echo hello > hello.txt ;;
              1.1.2) echo world > world.txt ;;
            esac
            """;

    record Result(int exit, JsonNode summary, String err, String out) {}

    @Test
    void a_local_repository_runs_to_the_end_with_one_branch_and_commit_per_item(@TempDir Path dir) throws Exception {
        Path repo = AgentRepositories.create(dir.resolve("repo"), PLAN, AGENT);
        Result r = run(dir.resolve("data"), repo.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.summary().path("badge").asText()).isEqualTo("COMPLETED");
        assertThat(texts(r.summary().path("tasksDone"))).containsExactly("1.1.1", "1.1.2", "1.1.B");
        assertThat(texts(r.summary().path("commits"))).hasSize(3).doesNotHaveDuplicates();
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.branchList().call())
                    .extracting(ref -> ref.getName())
                    .contains(
                            "refs/heads/task/1.1.1-add-hello-file",
                            "refs/heads/task/1.1.2-add-world-file",
                            "refs/heads/task/1.1.B-verify-correctness-of-task-1-1");
        }
        assertThat(r.err()).contains("1.1.2").contains("every item is done");
    }

    @Test
    void running_a_completed_list_again_runs_no_tool_moves_no_branch_and_says_there_is_nothing_to_do(@TempDir Path dir)
            throws Exception {
        Path repo = AgentRepositories.create(dir.resolve("repo"), PLAN, AGENT);
        Result first = run(dir.resolve("data"), repo.toString(), "--json");
        assertThat(first.summary().path("badge").asText()).as(first.err()).isEqualTo("COMPLETED");
        Map<String, String> heads = heads(repo);

        Result second = run(dir.resolve("data"), repo.toString(), "--json");

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.summary().path("badge").asText()).isEqualTo("COMPLETED");
        assertThat(second.summary().path("execution").asLong())
                .isNotEqualTo(first.summary().path("execution").asLong());
        assertThat(second.summary().path("nothingToDo").asBoolean()).isTrue();
        assertThat(texts(second.summary().path("tasksDone"))).isEmpty();
        assertThat(texts(second.summary().path("commits"))).isEmpty();
        assertThat(second.err()).doesNotContain("agent on").contains("every item is done");
        assertThat(heads(repo)).isEqualTo(heads);

        Result text = run(dir.resolve("data"), repo.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("COMPLETED — nothing to do: every item is done");
        assertThat(heads(repo)).isEqualTo(heads);
    }

    @Test
    void merge_policy_auto_on_the_users_checkout_keeps_it_clean_and_a_rerun_does_nothing(@TempDir Path dir)
            throws Exception {
        Path repo = AgentRepositories.create(dir.resolve("repo"), PLAN, AGENT);

        Result first = run(dir.resolve("data"), repo.toString(), "--merge-policy", "auto", "--json");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.summary().path("badge").asText()).isEqualTo("COMPLETED");
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
        assertThat(Files.readString(repo.resolve("world.txt"))).isEqualTo("world\n");
        assertThat(git(repo, "rev-parse", "HEAD")).isEqualTo(git(repo, "rev-parse", "refs/heads/main"));
        Map<String, String> heads = heads(repo);

        Result second = run(dir.resolve("data"), repo.toString(), "--merge-policy", "auto", "--json");

        assertThat(second.summary().path("nothingToDo").asBoolean())
                .as(second.err())
                .isTrue();
        assertThat(second.err()).doesNotContain("agent on");
        assertThat(heads(repo)).isEqualTo(heads);
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
    }

    @Test
    void an_item_with_no_criteria_in_a_repository_with_no_checks_is_never_marked_done(@TempDir Path dir)
            throws Exception {
        String plan = """
                # Demo
                ## Phase 1 — Greeting
                - 1.1 Add hello file
                """;
        Path repo = AgentRepositories.create(dir.resolve("repo"), plan, "#!/bin/sh\necho hello > hello.txt\n", "");
        Result r = run(dir.resolve("data"), repo.toString(), "--json");

        assertThat(r.summary().path("badge").asText()).as(r.err()).isEqualTo("FAILED");
        assertThat(texts(r.summary().path("tasksDone"))).isEmpty();
        assertThat(texts(r.summary().path("commits"))).isEmpty();
        assertThat(r.err()).contains(dev.clarity.runner.detect.BuildDetector.ADVICE);
        assertThat(r.err()).as("stopped at SELECT: no tool ran").doesNotContain("IMPLEMENT");
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.branchList().call()).extracting(ref -> ref.getName()).containsExactly("refs/heads/main");
        }
    }

    @Test
    void the_json_summary_and_the_progress_lines_never_print_a_secret_of_the_environment(@TempDir Path dir)
            throws Exception {
        String key = "sk-provider-key-0123456789abcdef";
        String plan = """
                # Demo
                ## Phase 1 — Greeting
                - 1.1 Add hello file
                """;
        Path repo = AgentRepositories.create(
                dir.resolve("repo"),
                plan,
                "#!/bin/sh\necho hello > hello.txt\n",
                "checks:\n  test: [[\"sh\", \"-c\", \"false\", \"%s\"]]\n".formatted(key));
        Result r = run(dir.resolve("data"), Map.of("ACME_API_KEY", key), repo.toString(), "--json");

        assertThat(r.summary().path("badge").asText()).as(r.err()).isEqualTo("BLOCKED");
        assertThat(r.summary().toString()).doesNotContain(key).contains("standard.test");
        assertThat(r.err()).doesNotContain(key);
    }

    @Test
    void the_git_config_of_the_user_running_clarity_does_not_reach_its_commits(@TempDir Path dir) throws Exception {
        // a user whose global config sends every commit through a hook that refuses it
        Path home = Files.createDirectories(dir.resolve("home"));
        Path hooks = Files.createDirectories(home.resolve("hooks"));
        Path hook = hooks.resolve("pre-commit");
        Files.writeString(hook, "#!/bin/sh\necho refused by the user's hook >&2\nexit 1\n");
        hook.toFile().setExecutable(true);
        Files.writeString(
                home.resolve(".gitconfig"), "[core]\n\thooksPath = " + hooks + "\n[user]\n\tname = Host User\n");
        Path repo = AgentRepositories.create(dir.resolve("repo"), PLAN, AGENT);

        // the JVM takes its home from the account, not from HOME: point both at the user's config
        Result r = run(
                dir.resolve("data"),
                Map.of("HOME", home.toString(), "JAVA_TOOL_OPTIONS", "-Duser.home=" + home),
                repo.toString(),
                "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.summary().path("badge").asText()).isEqualTo("COMPLETED");
        try (Git git = Git.open(repo.toFile())) {
            var commit = git.log()
                    .add(git.getRepository().resolve("refs/heads/task/1.1.1-add-hello-file"))
                    .setMaxCount(1)
                    .call()
                    .iterator()
                    .next();
            assertThat(commit.getAuthorIdent().getName()).isEqualTo("Clarity");
        }
    }

    @Test
    void the_stop_point_pauses_and_running_the_same_command_again_continues(@TempDir Path dir) throws Exception {
        Path repo = AgentRepositories.create(dir.resolve("repo"), PLAN, AGENT);
        Result first = run(dir.resolve("data"), repo.toString(), "--stop-after", "1.1.1", "--json");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.summary().path("badge").asText()).isEqualTo("PAUSED");
        assertThat(texts(first.summary().path("tasksDone"))).containsExactly("1.1.1");

        Result second = run(dir.resolve("data"), repo.toString(), "--json");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.summary().path("execution").asLong())
                .isEqualTo(first.summary().path("execution").asLong());
        assertThat(texts(second.summary().path("tasksDone"))).containsExactly("1.1.1", "1.1.2", "1.1.B");
    }

    @Test
    void a_criterion_that_never_passes_ends_with_exit_3_and_the_item_for_a_person(@TempDir Path dir) throws Exception {
        Path repo = AgentRepositories.create(dir.resolve("repo"), """
                ## Phase 1 — Impossible
                - 1.1 Make the answer
                  - 1.1.B Verify correctness of Task 1.1
                    - <criterion key="answer" kind="test" check="file" args="answer.txt" />
                """, """
                #!/bin/sh
                echo "try $CLARITY_ATTEMPT" >> notes.txt
                """);
        Result r = run(dir.resolve("data"), repo.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.BLOCKED);
        assertThat(r.summary().path("badge").asText()).isEqualTo("BLOCKED");
        assertThat(r.summary().path("blocked").path("task").asText()).isEqualTo("1.1");
        assertThat(r.summary().path("blocked").path("reason").asText()).contains("3 repair attempts");
        assertThat(r.err()).contains("repair attempt 3");
    }

    @Test
    void a_default_tool_that_is_not_installed_leaves_the_item_undone_for_a_person_with_the_sentence(@TempDir Path dir)
            throws Exception {
        // no .clarity.yml: the default tool is aider, which is on no directory of the steps' PATH here
        assumeTrue(
                Stream.of("/usr/local/bin", "/usr/bin", "/bin").noneMatch(d -> Files.exists(Path.of(d, "aider"))),
                "aider is installed on this machine");
        Path repo = AgentRepositories.withoutConfig(dir.resolve("repo"), """
                ## Phase 1 — Only
                - 1.1 Add hello file
                """);
        // a build Clarity detects (npm test), so that the item is not refused at SELECT for want of a check
        Files.writeString(repo.resolve("package.json"), "{\"scripts\": {\"test\": \"node hello.js\"}}\n");
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern("package.json").call();
            git.commit()
                    .setMessage("package.json")
                    .setAuthor("Planner", "planner@example.com")
                    .setCommitter("Planner", "planner@example.com")
                    .setSign(false)
                    .call();
        }

        Result r = run(dir.resolve("data"), repo.toString(), "--json");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.BLOCKED);
        assertThat(r.summary().path("badge").asText()).isEqualTo("BLOCKED");
        assertThat(texts(r.summary().path("tasksDone"))).isEmpty();
        assertThat(texts(r.summary().path("commits"))).isEmpty();
        assertThat(r.summary().path("blocked").path("task").asText()).isEqualTo("1.1");
        assertThat(r.summary().path("blocked").path("reason").asText())
                .contains("the tool aider cannot be started: 'aider' is not an executable file in any directory of"
                        + " the step's PATH (/usr/local/bin:/usr/bin:/bin)")
                .contains("tools.default or tools.aider.command in .clarity.yml");
        assertThat(r.err()).doesNotContain("repair attempt");
        try (Git git = Git.open(repo.toFile())) {
            // the planner's two commits and nothing of Clarity's
            assertThat(git.log().all().call()).hasSize(2);
        }
    }

    @Test
    void a_typo_in_clarity_yml_fails_the_run_with_the_reason_in_the_json_summary(@TempDir Path dir) throws Exception {
        Path repo = AgentRepositories.create(dir.resolve("repo"), PLAN, AGENT, "merg: auto\n");

        Result r = run(dir.resolve("data"), repo.toString(), "--json");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.summary().path("badge").asText()).isEqualTo("FAILED");
        assertThat(r.summary().path("reason").asText())
                .startsWith("the repository's configuration is invalid (.clarity.yml line 5, merg")
                .endsWith("fix it on main and run again");
        assertThat(r.summary().path("blocked").isNull()).isTrue();
        assertThat(r.err()).doesNotContain("infrastructure problem");
    }

    @Test
    void a_path_that_is_not_a_repository_is_bad_input_with_one_line(@TempDir Path dir) throws Exception {
        Result r = run(dir.resolve("data"), dir.resolve("nothing-here").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("is not a git repository").doesNotContain("Exception");
    }

    private static Result run(Path dataDir, String... args) throws IOException, InterruptedException {
        return run(dataDir, Map.of(), args);
    }

    private static Result run(Path dataDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString(), "run"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("CLARITY_") || k.startsWith("GITHUB_"));
        pb.environment().put("CLARITY_DATA_DIR", dataDir.toString());
        pb.environment().put("CLARITY_SANDBOX", "process");
        pb.environment().putAll(environment);
        Path err = Files.createTempFile("clarity-run", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("run finished").isTrue();
        String errText = Files.readString(err);
        JsonNode summary = out.isBlank() || !out.strip().startsWith("{")
                ? Json.mapper().createObjectNode()
                : Json.mapper().readTree(out);
        return new Result(p.exitValue(), summary, errText, out);
    }

    /** Every branch of the repository and the commit it points at. */
    private static Map<String, String> heads(Path repo) throws Exception {
        Map<String, String> heads = new java.util.TreeMap<>();
        try (Git git = Git.open(repo.toFile())) {
            git.branchList()
                    .call()
                    .forEach(r -> heads.put(r.getName(), r.getObjectId().name()));
        }
        return heads;
    }

    /** The real git in {@code repo}, as the user runs it; its output without the trailing newline. */
    private static String git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.stripTrailing();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
