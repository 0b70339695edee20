package dev.clarity.runner.sandbox;

import dev.clarity.runner.api.StepUsage;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one command isolated from the host: only the workspace is writable — its {@code .git} is read-only, so a step
 * can read git's history but never change hooks, config, refs, objects or the index, nor replace {@code .git} — the
 * step runs as an unprivileged user and sees no host secret, the environment is exactly what the step gives, the
 * network is off unless asked for, and a wall-clock timeout kills it. {@link #run} blocks until the
 * step ends and streams every line to {@code output} as it comes (from the sandbox's own threads; the consumer must
 * be thread-safe). Implementations are thread-safe.
 */
public interface Sandbox {
    SandboxResult run(SandboxStep step, Consumer<OutputLine> output);

    /**
     * Why {@code step}'s program cannot be started here — a sentence naming the command and where it was looked for
     * (for example the PATH directories) — or empty when it can, or when only starting it will tell (a container
     * engine reports a missing program as {@link SandboxResult.Ending#NOT_STARTED}).
     */
    default Optional<String> unstartable(SandboxStep step) {
        return Optional.empty();
    }

    /**
     * The port on which a step with a {@link SandboxStep#gatewaySocket()} reaches its gateway at
     * {@code 127.0.0.1}: {@link GatewayForwarder#PORT} on the sandbox's own loopback, or {@code hostPort} (the
     * endpoint's port on the host's loopback) for a sandbox that has no network namespace of its own.
     */
    default int gatewayPort(int hostPort) {
        return GatewayForwarder.PORT;
    }

    /**
     * True when this sandbox's steps can open the direct path to their gateway (ADR 0024): they have a network
     * namespace of their own and {@link ListenHelper} is built. A runner's gateway offers handoff sockets only then.
     */
    default boolean takesHandoffs() {
        return gatewayPort(0) == GatewayForwarder.PORT && ListenHelper.binary().isPresent();
    }

    /**
     * The CPU and memory of every step running now, one entry per label (the workspace id), summed over the label's
     * processes or containers; a sandbox that cannot measure reports nothing. Returns within a few seconds even when
     * the engine hangs (a step it could not measure in time is left out). Thread-safe.
     */
    default List<StepUsage> usage() {
        return List.of();
    }

    /** Kills every step running with {@code label}; returns at once, the killed {@link #run} returns CANCELLED. */
    void cancel(String label);

    /** The engine's name for health reports: {@code docker}, {@code bubblewrap} or {@code process}. */
    String engine();

    /** The image steps run in, or {@code host} for the process sandbox. */
    String image();
}
