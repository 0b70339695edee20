package dev.clarity.runner.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.api.StepUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each step in a fresh container through a Docker-API engine (Docker or Podman's compatible service): the
 * workspace bind-mounted at its own path with its {@code .git} bind-mounted read-only on top (a linked {@code .git}
 * is refused, see {@link GitControl}), nothing else of the host, network {@code none} unless the step asks for
 * egress (a step with the model gateway gets its socket and the forwarder, see {@link GatewayForwarder}), memory,
 * CPU and pids limits, read-only root filesystem with a tmpfs {@code /tmp}, every capability dropped,
 * no-new-privileges, and the runner's own uid:gid so files in the workspace stay the runner's. Containers carry
 * {@link #LABEL} and are removed on every path; {@link #reapLeftovers()} removes what a crashed runner left behind.
 */
public final class DockerSandbox implements Sandbox, AutoCloseable {
    public static final String LABEL = "dev.clarity.sandbox";
    public static final String WORKSPACE_LABEL = "dev.clarity.workspace";
    /** Which runner made the container; reaping touches only this runner's containers. */
    public static final String OWNER_LABEL = "dev.clarity.owner";

    private static final Logger log = LoggerFactory.getLogger(DockerSandbox.class);
    /** How long {@link #usage()} waits for the engine's stats of all running containers together. */
    static final Duration USAGE_WAIT = Duration.ofSeconds(3);

    private final DockerClient docker;
    private final SandboxResources resources;
    private final InstantSource clock;
    private final OutputLimits limits;
    private final String user;
    private final String owner;
    private final Map<String, Set<String>> running = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    private final CpuSamples cpu = new CpuSamples();

    /**
     * @param owner names this runner (for example a hash of its data directory); containers carry it, and
     *     {@link #reapLeftovers()} removes only containers with the same owner, so runners sharing an engine leave
     *     each other alone
     */
    public DockerSandbox(
            DockerClient docker, SandboxResources resources, InstantSource clock, OutputLimits limits, String owner) {
        this.owner = owner;
        this.docker = docker;
        this.resources = resources;
        this.clock = clock;
        this.limits = limits;
        this.user = runnerUser();
    }

    /** A docker-java client for {@code dockerHost} ({@code unix://…} or {@code tcp://…}). */
    public static DockerClient client(String dockerHost) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .withDockerTlsVerify(false)
                .build();
        var http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(30))
                .maxConnections(32)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /** Removes every container labelled by a sandbox (leftovers of a runner that crashed); returns how many. */
    public int reapLeftovers() {
        List<Container> leftovers = docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(LABEL, "true", OWNER_LABEL, owner))
                .exec();
        for (Container container : leftovers) {
            remove(container.getId());
        }
        if (!leftovers.isEmpty()) {
            log.info("Removed {} sandbox containers left over from an earlier run", leftovers.size());
        }
        return leftovers.size();
    }

    @Override
    public SandboxResult run(SandboxStep step, Consumer<OutputLine> output) {
        GitControl git = GitControl.of(step.workspace());
        if (git instanceof GitControl.Refused refused) {
            output.accept(
                    new OutputLine(OutputLine.Stream.STDERR, "the sandbox refused the step: " + refused.reason()));
            return new SandboxResult(SandboxResult.Ending.EXITED, 126, Duration.ZERO, false);
        }
        String ws = step.workspace().toAbsolutePath().normalize().toString();
        List<Bind> binds = new ArrayList<>(List.of(new Bind(ws, new Volume(ws))));
        if (git instanceof GitControl.Present present) {
            String path = present.path().toString();
            binds.add(new Bind(path, new Volume(path), AccessMode.ro));
        }
        List<String> argv = step.argv();
        if (step.gatewaySocket() != null) {
            var forwarder = GatewayForwarder.containerFiles();
            if (forwarder.isEmpty()) {
                output.accept(new OutputLine(
                        OutputLine.Stream.STDERR,
                        GatewayForwarder.missing()
                                .orElse("the model gateway's forwarder (socat and the libraries ldd lists for it)"
                                        + " could not be found on the runner's host")));
                return new SandboxResult(SandboxResult.Ending.NOT_STARTED, 127, Duration.ZERO, false);
            }
            binds.add(new Bind(step.gatewaySocket().toString(), new Volume(GatewayForwarder.SOCKET)));
            forwarder
                    .get()
                    .forEach((file, name) -> binds.add(new Bind(
                            file.toString(),
                            new Volume(GatewayForwarder.CONTAINER_DIRECTORY + "/" + name),
                            AccessMode.ro)));
            var direct = GatewayForwarder.direct(step.gatewaySocket());
            direct.ifPresent(d -> {
                binds.add(new Bind(d.handoff().toString(), new Volume(GatewayForwarder.HANDOFF)));
                binds.add(new Bind(
                        d.helper().toString(),
                        new Volume(GatewayForwarder.CONTAINER_DIRECTORY + "/clarity-listen"),
                        AccessMode.ro));
            });
            argv = GatewayForwarder.wrap(
                    argv,
                    GatewayForwarder.containerSocat(),
                    direct.map(d -> GatewayForwarder.CONTAINER_DIRECTORY + "/clarity-listen"));
        }
        for (Path cache : step.caches()) {
            String path = cache.toAbsolutePath().normalize().toString();
            binds.add(new Bind(path, new Volume(path), AccessMode.rw));
        }
        SandboxResources resources = step.resources() != null ? step.resources() : this.resources;
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(binds)
                .withNetworkMode(step.network() ? "bridge" : "none")
                .withMemory(resources.memoryBytes())
                .withMemorySwap(resources.memoryBytes())
                .withNanoCPUs(resources.nanoCpus())
                .withPidsLimit(resources.pidsLimit())
                .withReadonlyRootfs(true)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withTmpFs(Map.of("/tmp", "rw,nosuid,size=256m"));
        long started = clock.millis();
        CreateContainerResponse created;
        try {
            created = docker.createContainerCmd(resources.image())
                    .withCmd(argv)
                    .withEnv(step.environment().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .toList())
                    .withWorkingDir(ws)
                    .withUser(user)
                    .withLabels(Map.of(LABEL, "true", WORKSPACE_LABEL, step.label(), OWNER_LABEL, owner))
                    .withHostConfig(host)
                    .exec();
        } catch (NotFoundException e) {
            // the only thing a create can miss is the image: never pulled, the engine has no registry to ask
            output.accept(new OutputLine(OutputLine.Stream.STDERR, SandboxImage.missing(resources.image())));
            return new SandboxResult(SandboxResult.Ending.NOT_STARTED, 127, Duration.ZERO, false);
        }
        String id = created.getId();
        startedAt.put(id, started);
        running.computeIfAbsent(step.label(), k -> ConcurrentHashMap.newKeySet())
                .add(id);
        OutputBudget budget = new OutputBudget(limits.maxLines());
        LogCallback logs = new LogCallback(output, budget, limits.maxLineBytes());
        try {
            try {
                docker.startContainerCmd(id).exec();
            } catch (RuntimeException e) {
                if (!programMissing(e)) {
                    throw e;
                }
                output.accept(new OutputLine(
                        OutputLine.Stream.STDERR,
                        "'" + step.argv().get(0) + "' cannot be started in the image " + resources.image() + ": "
                                + String.valueOf(e.getMessage()).strip()));
                return new SandboxResult(SandboxResult.Ending.NOT_STARTED, 127, Duration.ZERO, false);
            }
            docker.logContainerCmd(id)
                    .withFollowStream(true)
                    .withStdOut(true)
                    .withStdErr(true)
                    .exec(logs);
            Integer code = null;
            boolean timedOut = false;
            try {
                code = waitWithTimeout(id, step.timeout());
            } catch (TimeoutException e) {
                timedOut = true;
                kill(id);
            }
            logs.awaitCompletion(5, TimeUnit.SECONDS);
            logs.finish();
            Duration took = Duration.ofMillis(clock.millis() - started);
            if (cancelled.remove(id)) {
                return new SandboxResult(SandboxResult.Ending.CANCELLED, -1, took, budget.exceeded());
            }
            if (timedOut) {
                return new SandboxResult(SandboxResult.Ending.TIMED_OUT, -1, took, budget.exceeded());
            }
            return new SandboxResult(SandboxResult.Ending.EXITED, code, took, budget.exceeded());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(id);
            return new SandboxResult(
                    SandboxResult.Ending.CANCELLED, -1, Duration.ofMillis(clock.millis() - started), false);
        } finally {
            closeQuietly(logs);
            running.computeIfPresent(step.label(), (k, set) -> {
                set.remove(id);
                return set.isEmpty() ? null : set;
            });
            startedAt.remove(id);
            cpu.forget(id);
            remove(id);
        }
    }

    /** The engine's (OCI runtime's) words for a command that is not in the image or cannot be executed. */
    private static boolean programMissing(RuntimeException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("executable file not found")
                || message.contains("no such file or directory")
                || message.contains("permission denied");
    }

    private int waitWithTimeout(String id, Duration timeout) throws TimeoutException, InterruptedException {
        var callback = docker.waitContainerCmd(id).exec(new ExitCallback());
        try {
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException();
            }
        } finally {
            closeQuietly(callback);
        }
        if (callback.code != null) {
            return callback.code;
        }
        Long code = docker.inspectContainerCmd(id).exec().getState().getExitCodeLong();
        return code == null ? -1 : code.intValue();
    }

    /** Keeps the exit code the engine reports when the container stops. */
    private static final class ExitCallback extends ResultCallback.Adapter<WaitResponse> {
        private volatile Integer code;

        @Override
        public void onNext(WaitResponse response) {
            code = response.getStatusCode();
        }
    }

    private void kill(String id) {
        try {
            docker.killContainerCmd(id).exec();
        } catch (RuntimeException e) {
            log.debug("Container {} was already gone when killing it: {}", id, e.getMessage());
        }
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id)
                    .withForce(true)
                    .withRemoveVolumes(true)
                    .exec();
        } catch (NotFoundException e) {
            // already removed
        } catch (RuntimeException e) {
            log.warn("Could not remove sandbox container {}; it is reaped at the next start: {}", id, e.getMessage());
        }
    }

    /**
     * Asks the engine for every running container's stats at once ({@code stream=false}: one answer each, which
     * Docker gives after about a second and Podman at once) and waits for them {@link #USAGE_WAIT} at most; a
     * container that did not answer in time, or has just ended, is left out.
     */
    @Override
    public List<StepUsage> usage() {
        Map<String, CompletableFuture<Statistics>> asked = new LinkedHashMap<>();
        running.forEach((label, ids) -> ids.forEach(id -> asked.put(id, stats(id))));
        long deadline = System.nanoTime() + USAGE_WAIT.toNanos();
        Map<String, StepUsage> byLabel = new LinkedHashMap<>();
        running.forEach((label, ids) -> {
            for (String id : ids) {
                CompletableFuture<Statistics> answer = asked.get(id);
                Long started = startedAt.get(id);
                if (answer == null || started == null) {
                    continue;
                }
                try {
                    ContainerStats stats = ContainerStats.of(
                            answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                    double own = cpu.percent(id, stats.cpuNanos(), clock.millis(), started);
                    if (!startedAt.containsKey(id)) {
                        cpu.forget(id);
                    }
                    StepUsage one = new StepUsage(
                            label, stats.enginePercent().orElse(own), stats.cpuNanos() / 1e9, stats.memoryBytes());
                    byLabel.merge(label, one, StepUsage::plus);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                    log.debug("No stats for sandbox container {} in time: {}", id, e.toString());
                }
            }
        });
        return List.copyOf(byLabel.values());
    }

    private CompletableFuture<Statistics> stats(String id) {
        CompletableFuture<Statistics> answer = new CompletableFuture<>();
        try {
            docker.statsCmd(id).withNoStream(true).exec(new ResultCallback.Adapter<Statistics>() {
                @Override
                public void onNext(Statistics statistics) {
                    answer.complete(statistics);
                }

                @Override
                public void onError(Throwable throwable) {
                    answer.completeExceptionally(throwable);
                    super.onError(throwable);
                }

                @Override
                public void onComplete() {
                    answer.completeExceptionally(new IllegalStateException("the engine sent no stats for " + id));
                    super.onComplete();
                }
            });
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    @Override
    public void cancel(String label) {
        Set<String> ids = running.get(label);
        if (ids != null) {
            for (String id : ids) {
                cancelled.add(id);
                kill(id);
            }
        }
    }

    @Override
    public String engine() {
        return "docker";
    }

    @Override
    public String image() {
        return resources.image();
    }

    @Override
    public void close() {
        closeQuietly(docker);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("Closing {}: {}", closeable, e.getMessage());
        }
    }

    /** The runner's own uid:gid, so files the step writes in the workspace belong to the runner. */
    private static String runnerUser() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            Object gid = Files.getAttribute(Path.of("/proc/self"), "unix:gid");
            return uid + ":" + gid;
        } catch (IOException | UnsupportedOperationException e) {
            throw new RunnerException("reading the runner's uid and gid for sandbox containers", e);
        }
    }

    /** Splits the multiplexed log frames into lines per stream. */
    private static final class LogCallback extends ResultCallback.Adapter<Frame> {
        private final LineSplitter stdout;
        private final LineSplitter stderr;

        LogCallback(Consumer<OutputLine> output, OutputBudget budget, int maxLineBytes) {
            this.stdout = new LineSplitter(OutputLine.Stream.STDOUT, output, budget, maxLineBytes);
            this.stderr = new LineSplitter(OutputLine.Stream.STDERR, output, budget, maxLineBytes);
        }

        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            switch (frame.getStreamType()) {
                case STDERR -> stderr.accept(payload, 0, payload.length);
                default -> stdout.accept(payload, 0, payload.length);
            }
        }

        synchronized void finish() {
            stdout.finish();
            stderr.finish();
        }
    }
}
