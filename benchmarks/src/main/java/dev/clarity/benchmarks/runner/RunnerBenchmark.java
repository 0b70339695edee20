package dev.clarity.benchmarks.runner;

import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.DockerSandbox;
import dev.clarity.runner.sandbox.EngineProbe;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.ProcessSandbox;
import dev.clarity.runner.sandbox.Sandbox;
import dev.clarity.runner.sandbox.SandboxImage;
import dev.clarity.runner.sandbox.SandboxResources;
import dev.clarity.runner.sandbox.SandboxStep;
import dev.clarity.runner.workspace.GitWorkspaces;
import dev.clarity.runner.workspace.PushOutcome;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Prints median wall-clock times of both sides and their ratio. Targets: the container sandbox within 1.2× of
 * {@code docker run --rm IMAGE true}, the process sandbox within 1.2× of bare {@code bwrap … true}, and JGit prep +
 * commit + push within 1.5× of the git CLI. Run with {@code DOCKER_HOST} set; the engine part is skipped (and says so)
 * when no engine answers. Arguments: {@code [iterations] [all|engine|bwrap|git]} (default 15 all).
 */
public final class RunnerBenchmark {
    private static final String IMAGE = SandboxResources.DEFAULT_IMAGE;
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp");

    private RunnerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path temp = Files.createTempDirectory("clarity-bench");
        Path ws = Files.createDirectories(temp.resolve("ws"));
        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            String only = args.length > 1 ? args[1] : "all";
            if (only.equals("all") || only.equals("engine")) {
                engine(iterations, ws);
            }
            if (only.equals("all") || only.equals("bwrap")) {
                bubblewrap(iterations * 2, ws, executor);
            }
            if (only.equals("all") || only.equals("git")) {
                git(Math.max(5, iterations / 3), temp);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static void engine(int iterations, Path ws) throws Exception {
        Optional<String> host = EngineProbe.find(Optional.ofNullable(System.getenv("DOCKER_HOST")));
        if (host.isEmpty()) {
            System.out.println("engine: skipped, no container engine answers (set DOCKER_HOST)");
            return;
        }
        var docker = DockerSandbox.client(host.get());
        if (!SandboxImage.exists(docker, IMAGE)) {
            SandboxImage.build(docker, IMAGE, SandboxImage.BUSYBOX);
        }
        try (DockerSandbox sandbox = new DockerSandbox(
                docker, SandboxResources.defaults(IMAGE), InstantSource.system(), OutputLimits.DEFAULT, "bench")) {
            Callable<Object> ours = () -> run(sandbox, ws, "true");
            Callable<Object> cli = () -> exec(
                    List.of("/usr/local/bin/docker", "run", "--rm", IMAGE, "true"),
                    Map.of("DOCKER_HOST", host.get(), "PATH", "/usr/bin:/bin"));
            report("container `true`: DockerSandbox vs docker run --rm", iterations, ours, cli, 1.2);
        }
    }

    private static void bubblewrap(int iterations, Path ws, ExecutorService executor) throws Exception {
        Optional<Path> bwrap = BubblewrapProbe.find(System.getenv("PATH"));
        if (bwrap.isEmpty()) {
            System.out.println("bubblewrap: skipped, bwrap is not installed");
            return;
        }
        Sandbox sandbox = new ProcessSandbox(bwrap, executor, InstantSource.system(), OutputLimits.DEFAULT);
        String dir = ws.toString();
        Callable<Object> ours = () -> run(sandbox, ws, "true");
        Callable<Object> bare = () -> exec(
                List.of(
                        bwrap.get().toString(),
                        "--ro-bind",
                        "/",
                        "/",
                        "--dev",
                        "/dev",
                        "--proc",
                        "/proc",
                        "--tmpfs",
                        "/tmp",
                        "--bind",
                        dir,
                        dir,
                        "--chdir",
                        dir,
                        "--unshare-net",
                        "--unshare-pid",
                        "--die-with-parent",
                        "--new-session",
                        "/usr/bin/true"),
                ENV);
        report("process `true`: ProcessSandbox vs bare bwrap", iterations, ours, bare, 1.2);
    }

    private static void git(int iterations, Path temp) throws Exception {
        IsolatedGitConfig.install();
        Path source = temp.resolve("source");
        Files.createDirectories(source);
        for (int i = 0; i < 10_000; i++) {
            Path file = source.resolve("src/d" + (i / 100) + "/f" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "file " + i + "\n");
        }
        Map<String, String> gitEnv = Map.of(
                "PATH",
                "/usr/bin:/bin",
                "HOME",
                temp.toString(),
                "GIT_CONFIG_NOSYSTEM",
                "1",
                "GIT_CONFIG_GLOBAL",
                "/dev/null");
        exec(List.of("git", "-C", source.toString(), "init", "-q", "-b", "main"), gitEnv);
        exec(List.of("git", "-C", source.toString(), "add", "-A"), gitEnv);
        exec(
                List.of(
                        "git",
                        "-C",
                        source.toString(),
                        "-c",
                        "user.name=B",
                        "-c",
                        "user.email=b@x",
                        "commit",
                        "-q",
                        "-m",
                        "seed"),
                gitEnv);
        Path bare = temp.resolve("remote.git");
        exec(List.of("git", "clone", "-q", "--bare", source.toString(), bare.toString()), gitEnv);

        GitWorkspaces workspaces = new GitWorkspaces(temp.resolve("jgit"), InstantSource.system());
        int[] n = {0, 0};
        Callable<Object> ours = () -> {
            String id = "b" + n[0]++;
            String branch = "task/jgit-" + id;
            long t0 = System.nanoTime();
            workspaces.prepare(id, bare.toString(), null, "main", branch);
            long t1 = System.nanoTime();
            Files.writeString(workspaces.directory(id).resolve("src/d0/f0.txt"), "changed " + id + "\n");
            workspaces.commit(id, branch, "Task " + id + ": bench");
            long t2 = System.nanoTime();
            if (!(workspaces.push(id, bare.toString(), null, branch) instanceof PushOutcome.Pushed)) {
                throw new IllegalStateException("push did not go through");
            }
            long t3 = System.nanoTime();
            System.out.printf(
                    "  jgit %s: prep %d ms, commit %d ms, push %d ms%n",
                    id, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            return id;
        };
        report(
                "prep+commit+push, 10,000 files: JGit vs git CLI (local path: CLI hardlinks objects)",
                iterations,
                ours,
                cli(bare.toString(), temp, gitEnv, n),
                1.5);
        report(
                "prep+commit+push, 10,000 files: JGit vs git CLI over file:// (pack transport, as over HTTPS)",
                iterations,
                ours,
                cli(bare.toUri().toString(), temp, gitEnv, n),
                1.5);
    }

    private static Callable<Object> cli(String bare, Path temp, Map<String, String> gitEnv, int[] n) {
        return () -> {
            String id = "c" + n[1]++;
            Path dir = temp.resolve("cli/" + id);
            String branch = "task/cli-" + id;
            exec(List.of("git", "clone", "-q", bare, dir.toString()), gitEnv);
            exec(List.of("git", "-C", dir.toString(), "checkout", "-q", "-b", branch, "origin/main"), gitEnv);
            Files.writeString(dir.resolve("src/d0/f0.txt"), "changed " + id + "\n");
            exec(List.of("git", "-C", dir.toString(), "add", "-A"), gitEnv);
            exec(
                    List.of(
                            "git",
                            "-C",
                            dir.toString(),
                            "-c",
                            "user.name=Clarity",
                            "-c",
                            "user.email=clarity@users.noreply.github.com",
                            "commit",
                            "-q",
                            "-m",
                            "Task " + id + ": bench"),
                    gitEnv);
            exec(List.of("git", "-C", dir.toString(), "push", "-q", "origin", branch), gitEnv);
            return id;
        };
    }

    private static Object run(Sandbox sandbox, Path ws, String... argv) {
        var result =
                sandbox.run(new SandboxStep(List.of(argv), ws, ENV, Duration.ofMinutes(1), false, "bench"), l -> {});
        if (!result.succeeded()) {
            throw new IllegalStateException("sandboxed " + String.join(" ", argv) + " ended " + result);
        }
        return result;
    }

    private static Object exec(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + new String(out));
        }
        return out.length;
    }

    private static void report(
            String name, int iterations, Callable<Object> ours, Callable<Object> theirs, double target)
            throws Exception {
        // one warm-up of each, then alternate so both sides see the same machine load
        ours.call();
        theirs.call();
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            a.add(time(ours));
            b.add(time(theirs));
        }
        double ma = median(a) / 1e6;
        double mb = median(b) / 1e6;
        double ratio = ma / mb;
        System.out.printf(
                "%s (n=%d, median): ours %.1f ms, reference %.1f ms, ratio %.2fx (target <= %.1fx) %s%n",
                name, iterations, ma, mb, ratio, target, ratio <= target ? "MET" : "NOT MET");
    }

    private static long time(Callable<Object> action) throws Exception {
        long start = System.nanoTime();
        action.call();
        return System.nanoTime() - start;
    }

    private static double median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }
}
