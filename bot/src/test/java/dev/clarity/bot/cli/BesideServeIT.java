package dev.clarity.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarity.bot.app.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands beside a running {@code serve} on the same data directory, as a user runs them from the packaged jar:
 * {@code users} joins the server's database, and {@code run} hands its execution to the server and follows it,
 * starting no PostgreSQL of its own.
 */
class BesideServeIT {
    private static final Path JAR = Path.of("target", "clarity.jar").toAbsolutePath();

    record Done(int exit, String out, String err) {}

    @Test
    void users_and_run_work_beside_a_running_serve_which_runs_the_execution(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        int port = freePort();
        Process serve = process(dataDir, port, List.of("serve"), ProcessBuilder.Redirect.DISCARD);
        try {
            awaitReady(port, serve, dataDir);
            long postmaster = postmasterPid(dataDir);

            Done added = run(dataDir, "users", "add", "ana", "--role", "manager");
            assertThat(added.exit()).as(added.err()).isZero();
            assertThat(added.err() + added.out()).doesNotContain("in use by another Clarity process");
            Done listed = run(dataDir, "users", "list");
            assertThat(listed.exit()).as(listed.err()).isZero();
            assertThat(listed.out()).contains("ana").contains("admin");

            Path repo = AgentRepositories.create(dir.resolve("repo"), LocalRunIT.PLAN, LocalRunIT.AGENT);
            Done ran = run(dataDir, "run", repo.toString(), "--json");

            assertThat(ran.exit()).as(ran.err()).isZero();
            JsonNode summary = Json.mapper().readTree(ran.out());
            assertThat(summary.path("badge").asText()).isEqualTo("COMPLETED");
            List<String> done = new ArrayList<>();
            summary.path("tasksDone").forEach(n -> done.add(n.asText()));
            assertThat(done).containsExactly("1.1.1", "1.1.2", "1.1.B");
            assertThat(ran.err())
                    .contains("the Clarity server on " + dataDir + " runs this")
                    .contains("every item is done")
                    .doesNotContain("in use by another Clarity process");
            // the server ran it: its PostgreSQL is the only one, and the work is on the branches
            assertThat(postmasterPid(dataDir)).isEqualTo(postmaster);
            try (Git git = Git.open(repo.toFile())) {
                assertThat(git.branchList().call())
                        .extracting(ref -> ref.getName())
                        .contains("refs/heads/task/1.1.B-verify-correctness-of-task-1-1");
            }
            assertThat(serve.isAlive()).isTrue();
        } finally {
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    private static Done run(Path dataDir, String... args) throws Exception {
        Path err = Files.createTempFile("clarity-beside", ".err");
        // standard error goes to a file, so reading standard output whole cannot leave the other pipe full
        Process p = process(dataDir, freePort(), List.of(args), ProcessBuilder.Redirect.to(err.toFile()));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("finished").isTrue();
        String errText = Files.readString(err);
        Files.deleteIfExists(err);
        return new Done(p.exitValue(), out, errText);
    }

    private static Process process(Path dataDir, int port, List<String> args, ProcessBuilder.Redirect err)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("CLARITY_") || k.startsWith("GITHUB_"));
        pb.environment().put("CLARITY_DATA_DIR", dataDir.toString());
        pb.environment().put("CLARITY_PORT", Integer.toString(port));
        pb.environment().put("CLARITY_SANDBOX", "process");
        pb.redirectError(err);
        if (args.getFirst().equals("serve")) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD); // serve prints the admin's one-time password there
        }
        return pb.start();
    }

    /** Until /healthz answers and the server has written its marker. */
    private static void awaitReady(int port, Process serve, Path dataDir) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(serve.isAlive()).as("serve exited early").isTrue();
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && Files.exists(dataDir.resolve(ServeMarker.FILE_NAME))) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting: poll again (each try waits up to the connect timeout)
            }
            serve.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("serve did not become ready within 120 s");
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .getFirst()
                .trim());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
