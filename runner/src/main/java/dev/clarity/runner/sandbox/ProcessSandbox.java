package dev.clarity.runner.sandbox;

import dev.clarity.runner.api.StepUsage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs steps as child processes of the runner. With bubblewrap ({@code bwrap}) the step runs as an unprivileged
 * user in new namespaces and sees only the system directories a toolchain needs, {@code /etc} without its secrets,
 * a fresh {@code /tmp}, its own PATH directories and the workspace, whose {@code .git} is read-only
 * ({@link BubblewrapCommand} lists exactly what, {@link GitControl} why a linked {@code .git} is refused). Without
 * bubblewrap it is a plain child process — no isolation at all — and a warning says so once at construction. Output
 * is read on threads from the injected executor.
 */
public final class ProcessSandbox implements Sandbox {
    private static final Logger log = LoggerFactory.getLogger(ProcessSandbox.class);

    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final Optional<BubblewrapCommand> bwrap;
    private final Executor executor;
    private final InstantSource clock;
    private final OutputLimits limits;
    private final ConcurrentHashMap<String, Set<Process>> running = new ConcurrentHashMap<>();
    private final Set<Process> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<Process, Long> startedAt = new ConcurrentHashMap<>();
    private final CpuSamples cpu = new CpuSamples();

    public ProcessSandbox(Optional<Path> bwrap, Executor executor, InstantSource clock, OutputLimits limits) {
        this.bwrap = bwrap.map(path -> new BubblewrapCommand(path, BubblewrapProbe.canDisableUserNamespaces(path)));
        this.executor = executor;
        this.clock = clock;
        this.limits = limits;
        if (bwrap.isEmpty()) {
            log.warn("!!! bubblewrap (bwrap) is not installed: steps run as PLAIN CHILD PROCESSES with the runner's"
                    + " rights, no filesystem or network isolation. Install bubblewrap or use the container engine.");
        }
    }

    @Override
    public SandboxResult run(SandboxStep step, Consumer<OutputLine> output) {
        GitControl git = GitControl.of(step.workspace());
        Optional<String> refusal = refusal(step, git);
        if (refusal.isPresent()) {
            output.accept(new OutputLine(OutputLine.Stream.STDERR, "the sandbox refused the step: " + refusal.get()));
            return new SandboxResult(SandboxResult.Ending.EXITED, 126, Duration.ZERO, false);
        }
        if (step.gatewaySocket() != null && bwrap.isPresent()) {
            Optional<String> forwarder = GatewayForwarder.missing();
            if (forwarder.isPresent()) {
                output.accept(new OutputLine(OutputLine.Stream.STDERR, forwarder.get()));
                return new SandboxResult(SandboxResult.Ending.NOT_STARTED, 127, Duration.ZERO, false);
            }
        }
        List<String> command = command(step, git);
        // a step reads no input: a program that reads standard input to its end (codex exec) must not wait forever
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(step.workspace().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(step.environment());
        long started = clock.millis();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            output.accept(new OutputLine(
                    OutputLine.Stream.STDERR, "cannot start " + step.argv().get(0) + ": " + e.getMessage()));
            return new SandboxResult(SandboxResult.Ending.NOT_STARTED, 127, Duration.ZERO, false);
        }
        startedAt.put(process, started);
        running.computeIfAbsent(step.label(), k -> ConcurrentHashMap.newKeySet())
                .add(process);
        OutputBudget budget = new OutputBudget(limits.maxLines());
        CompletableFuture<Void> out = pump(process.getInputStream(), OutputLine.Stream.STDOUT, output, budget);
        CompletableFuture<Void> err = pump(process.getErrorStream(), OutputLine.Stream.STDERR, output, budget);
        try {
            boolean ended = process.waitFor(step.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                kill(process);
            }
            process.waitFor();
            CompletableFuture.allOf(out, err).get(5, TimeUnit.SECONDS);
            Duration took = Duration.ofMillis(clock.millis() - started);
            if (cancelled.remove(process)) {
                return new SandboxResult(SandboxResult.Ending.CANCELLED, -1, took, budget.exceeded());
            }
            if (!ended) {
                return new SandboxResult(SandboxResult.Ending.TIMED_OUT, -1, took, budget.exceeded());
            }
            return new SandboxResult(SandboxResult.Ending.EXITED, process.exitValue(), took, budget.exceeded());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new SandboxResult(
                    SandboxResult.Ending.CANCELLED, -1, Duration.ofMillis(clock.millis() - started), false);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            kill(process);
            return new SandboxResult(
                    SandboxResult.Ending.EXITED,
                    process.isAlive() ? -1 : process.exitValue(),
                    Duration.ofMillis(clock.millis() - started),
                    budget.exceeded());
        } finally {
            running.computeIfPresent(step.label(), (k, set) -> {
                set.remove(process);
                return set.isEmpty() ? null : set;
            });
            startedAt.remove(process);
            cpu.forget(process);
        }
    }

    /** Read from {@code /proc} on the caller's thread: each running step's process and all its descendants. */
    @Override
    public List<StepUsage> usage() {
        List<StepUsage> usage = new ArrayList<>();
        running.forEach((label, processes) -> {
            StepUsage sum = new StepUsage(label, 0, 0, 0);
            for (Process process : processes) {
                Long started = startedAt.get(process);
                if (started == null) {
                    continue; // ended while being read
                }
                ProcessTreeUsage tree = ProcessTreeUsage.of(process.toHandle());
                double percent = cpu.percent(process, tree.cpuNanos(), clock.millis(), started);
                if (!startedAt.containsKey(process)) {
                    cpu.forget(process); // it ended while being read: keep no sample of a process that is gone
                }
                sum = sum.plus(new StepUsage(label, percent, tree.cpuNanos() / 1e9, tree.rssBytes()));
            }
            usage.add(sum);
        });
        return usage;
    }

    /**
     * The program is looked up as {@link #run} does: a name without a slash on the step's own PATH (an executable
     * file in one of its directories), a relative path in the workspace, an absolute path as it is.
     */
    @Override
    public Optional<String> unstartable(SandboxStep step) {
        String command = step.argv().get(0);
        String resolved = resolve(command, step);
        if (!resolved.contains("/")) {
            return Optional.of("'" + command + "' is not an executable file in any directory of the step's PATH ("
                    + path(step) + ")");
        }
        Path file = Path.of(resolved);
        if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
            return Optional.of("'" + command + "' is not an executable file (" + resolved + ")");
        }
        return Optional.empty();
    }

    /** Why bubblewrap cannot run {@code step} safely; a plain child process has nothing to protect. */
    private Optional<String> refusal(SandboxStep step, GitControl git) {
        if (bwrap.isEmpty()) {
            return Optional.empty();
        }
        if (git instanceof GitControl.Refused refused) {
            return Optional.of(refused.reason());
        }
        return BubblewrapCommand.refusal(step.workspace());
    }

    private List<String> command(SandboxStep step, GitControl git) {
        List<String> argv = new ArrayList<>(step.argv());
        argv.set(0, resolve(argv.get(0), step));
        return bwrap.isEmpty() ? argv : bwrap.get().command(step, git, argv);
    }

    /**
     * Looks {@code command} up on the step's own {@code PATH} (the JDK would use the runner's). Commands with a
     * slash are taken relative to the workspace.
     */
    private static String resolve(String command, SandboxStep step) {
        if (command.contains("/")) {
            return command.startsWith("/")
                    ? command
                    : step.workspace().resolve(command).toString();
        }
        for (String dir : path(step).split(":")) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, command);
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Path.of(dir, command).toString();
            }
        }
        return command;
    }

    private static String path(SandboxStep step) {
        return step.environment().getOrDefault("PATH", DEFAULT_PATH);
    }

    private CompletableFuture<Void> pump(
            InputStream in, OutputLine.Stream stream, Consumer<OutputLine> output, OutputBudget budget) {
        return CompletableFuture.runAsync(
                () -> {
                    LineSplitter splitter = new LineSplitter(stream, output, budget, limits.maxLineBytes());
                    byte[] buffer = new byte[8192];
                    try (in) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            splitter.accept(buffer, 0, n);
                        }
                    } catch (IOException e) {
                        // the process was killed and its pipe closed: what was read is kept
                    }
                    splitter.finish();
                },
                executor);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void cancel(String label) {
        Set<Process> processes = running.get(label);
        if (processes != null) {
            for (Process process : processes) {
                cancelled.add(process);
                kill(process);
            }
        }
    }

    /** Bubblewrap gives the step its own loopback; a plain child process shares the host's. */
    @Override
    public int gatewayPort(int hostPort) {
        return bwrap.isPresent() ? GatewayForwarder.PORT : hostPort;
    }

    @Override
    public String engine() {
        return bwrap.isPresent() ? "bubblewrap" : "process";
    }

    @Override
    public String image() {
        return "host";
    }
}
