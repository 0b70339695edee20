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
 */
public record SandboxStep(
        List<String> argv,
        Path workspace,
        Map<String, String> environment,
        Duration timeout,
        boolean network,
        String label) {
    public SandboxStep {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }
}
