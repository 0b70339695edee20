package dev.clarity.runner.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One command to run in a sandbox: {@code argv} already checked by the command policy, the host {@code workspace}
 * directory (the only writable place, its {@code .git} excepted, and the working directory), the complete
 * environment (nothing is inherited from the host), a wall-clock {@code timeout}, whether the network is reachable,
 * and the {@code label} (the workspace id) that {@link Sandbox#cancel(String)} uses.
 *
 * <p>{@code gatewaySocket}, when set, is the unix socket of the step's model gateway endpoint: the step then has no
 * network but its own loopback, on which a forwarder listens at {@link GatewayForwarder#PORT} (see
 * {@link Sandbox#gatewayPort}) and carries connections to that socket, and nothing else. It excludes
 * {@code network} (egress).
 *
 * <p>{@code resources} are the image and limits of this step (the repository's {@code sandbox:} within the admin's
 * ceilings); null means the sandbox's own. {@code caches} are host directories the step may also write, each shown
 * at its own path (the repository's dependency caches); a sandbox shows nothing else of the host for them.
 */
public record SandboxStep(
        List<String> argv,
        Path workspace,
        Map<String, String> environment,
        Duration timeout,
        boolean network,
        String label,
        Path gatewaySocket,
        SandboxResources resources,
        List<Path> caches) {
    public SandboxStep {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        caches = caches == null ? List.of() : List.copyOf(caches);
        if (network && gatewaySocket != null) {
            throw new IllegalArgumentException("a step reaches either the network or the model gateway, not both");
        }
    }

    /** A step with the model gateway, the sandbox's own image and limits and no cache. */
    public SandboxStep(
            List<String> argv,
            Path workspace,
            Map<String, String> environment,
            Duration timeout,
            boolean network,
            String label,
            Path gatewaySocket) {
        this(argv, workspace, environment, timeout, network, label, gatewaySocket, null, List.of());
    }

    /** A step without the model gateway, with the image, limits and caches given. */
    public SandboxStep(
            List<String> argv,
            Path workspace,
            Map<String, String> environment,
            Duration timeout,
            boolean network,
            String label,
            SandboxResources resources,
            List<Path> caches) {
        this(argv, workspace, environment, timeout, network, label, null, resources, caches);
    }

    /** A step without the model gateway, with the sandbox's own image and limits and no cache. */
    public SandboxStep(
            List<String> argv,
            Path workspace,
            Map<String, String> environment,
            Duration timeout,
            boolean network,
            String label) {
        this(argv, workspace, environment, timeout, network, label, null, null, List.of());
    }
}
