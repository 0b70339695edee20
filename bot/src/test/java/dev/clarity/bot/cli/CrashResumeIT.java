package dev.clarity.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.orchestrator.EventChain;
import dev.clarity.bot.orchestrator.JooqExecutionStore;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.testkit.git.SmartHttpGitServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./clarity run} killed with SIGKILL at random moments, at least 20 times, then run again until it ends: the
 * branches, commits, ✅ marks and outcome sections must be exactly those of an uninterrupted run, and the event
 * log's checksum chain intact.
 */
class CrashResumeIT {
    private static final Path JAR = Path.of("target", "clarity.jar").toAbsolutePath();
    private static final int KILLS = 20;

    static final String PLAN = """
            # Crash plan
            ## Phase 1 — Files
            - 1.1 Files
              - 1.1.1 Add a file
              - 1.1.2 Add b file
              - 1.1.3 Add c file
              - 1.1.B Verify correctness of Task 1.1
                - <criterion key="a" kind="test" check="file" args="a.txt" />
                - <criterion key="c" kind="test" check="file" args="c.txt" />
              - 1.1.C Document results of Task 1.1
            ## Phase 2 — More
            - 2.1 Add d file (Dependencies: Phase 1)
            """;

    static final String AGENT = """
            #!/bin/sh
            case "$CLARITY_TASK_ID" in
              1.1.1) echo a > a.txt ;;
              1.1.2) echo b > b.txt ;;
              1.1.3) echo c > c.txt ;;
              2.1) echo d > d.txt ;;
            esac
            """;

    @Test
    void twenty_kills_at_random_moments_end_exactly_like_an_uninterrupted_run(@TempDir Path dir) throws Exception {
        // the origin is a git server in this process, as GitHub is: a killed client cannot leave a ref locked there
        try (SmartHttpGitServer server = SmartHttpGitServer.start(Files.createDirectories(dir.resolve("git")))) {
            Path calm = origin(server, "calm", dir);
            assertThat(run(dir.resolve("calm-data"), url(server, "calm"), -1)).isZero();

            Path crashed = origin(server, "crashed", dir);
            Path data = dir.resolve("crashed-data");
            Random random = new Random(20261124L);
            int kills = 0;
            int exit = -1;
            for (int round = 0; round < 60 && exit != 0 && exit != ExitCodes.BLOCKED; round++) {
                boolean kill = kills < KILLS;
                exit = run(data, url(server, "crashed"), kill ? 1500 + random.nextInt(4000) : -1);
                if (exit == 137 || exit == -9) {
                    kills++;
                }
            }
            // kept for reading after a failure: the output of every round, the killed ones included
            Files.copy(
                    dir.resolve("crashed-data.log"),
                    Path.of("target", "crash-resume-rounds.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(kills).isGreaterThanOrEqualTo(KILLS);
            assertThat(exit).as("last exit code (3: a person is needed)").isZero();
            compare(calm, crashed, data);
        }
    }

    private static Path origin(SmartHttpGitServer server, String name, Path dir) throws Exception {
        Path work = AgentRepositories.create(dir.resolve(name + "-plan"), PLAN, AGENT);
        server.createRepository(name);
        try (Git git = Git.open(work.toFile())) {
            git.push()
                    .setRemote(server.url(name).toString())
                    .add("main")
                    .setCredentialsProvider(new org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider(
                            SmartHttpGitServer.USERNAME, server.token()))
                    .call();
        }
        return server.repositoryDirectory(name);
    }

    /** The clone URL with the token in it, as a user would pass it to {@code clarity run}. */
    private static String url(SmartHttpGitServer server, String name) {
        return server.url(name)
                .toString()
                .replace("://", "://" + SmartHttpGitServer.USERNAME + ":" + server.token() + "@");
    }

    private static void compare(Path calm, Path crashed, Path data) throws Exception {
        assertThat(tips(crashed)).isEqualTo(tips(calm));
        String last = "task/2.1-add-d-file";
        String list = file(crashed, last, "tasks_list.md");
        assertThat(list).isEqualTo(file(calm, last, "tasks_list.md"));
        assertThat(count(list, "✅")).isEqualTo(count(file(calm, last, "tasks_list.md"), "✅"));
        assertThat(headers(file(crashed, last, "task_outcomes.md")))
                .isEqualTo(headers(file(calm, last, "task_outcomes.md")))
                .doesNotHaveDuplicates();
        try (Database db = Database.open(new DatabaseLocation.Embedded(data, false), 2, null)) {
            JooqExecutionStore store = new JooqExecutionStore(db.dsl(), InstantSource.system());
            assertThat(store.verify(1)).isInstanceOf(EventChain.Verdict.Intact.class);
            assertThat(store.taskRuns(1))
                    .as(() -> "execution 1 ended with: "
                            + store.events(1)
                                    .subList(
                                            Math.max(0, store.events(1).size() - 4),
                                            store.events(1).size()))
                    .extracting(r -> r.taskId())
                    .containsExactly("1.1.1", "1.1.2", "1.1.3", "1.1.B", "1.1.C", "2.1");
        }
    }

    /** Each branch's tip: its commit message and the messages of its ancestors (so stacking is compared too). */
    private static TreeMap<String, List<String>> tips(Path repo) throws Exception {
        TreeMap<String, List<String>> out = new TreeMap<>();
        try (Git git = Git.open(repo.toFile())) {
            for (Ref ref : git.branchList().call()) {
                List<String> messages = new ArrayList<>();
                for (RevCommit c : git.log().add(ref.getObjectId()).call()) {
                    messages.add(c.getFullMessage().strip());
                }
                out.put(ref.getName(), messages);
            }
        }
        return out;
    }

    private static String file(Path repo, String branch, String path) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            var r = git.getRepository();
            try (var walk = new org.eclipse.jgit.revwalk.RevWalk(r)) {
                RevCommit c = walk.parseCommit(r.resolve("refs/heads/" + branch));
                try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(r, path, c.getTree())) {
                    return new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                }
            }
        }
    }

    private static List<String> headers(String outcomes) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^## .*$").matcher(outcomes);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    /** Runs once; with {@code killAfterMillis >= 0} the process is killed with SIGKILL after that long. */
    private static int run(Path dataDir, String repo, int killAfterMillis) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", JAR.toString(), "run", repo, "--json");
        pb.environment().keySet().removeIf(k -> k.startsWith("CLARITY_") || k.startsWith("GITHUB_"));
        pb.environment().put("CLARITY_DATA_DIR", dataDir.toString());
        pb.environment().put("CLARITY_SANDBOX", "process");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(
                dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile()));
        Files.createDirectories(dataDir);
        Process p = pb.start();
        if (killAfterMillis >= 0 && !p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
            p.waitFor();
            return -9;
        }
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
