package dev.clarity.runner.checks;

import dev.clarity.runner.artifacts.Artifacts;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.SandboxResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where and how checks of one VERIFY run: the workspace, the policy and environment for commands, the step timeout,
 * the redactor for every line, and where evidence goes. {@code resources} (null: the sandbox's own) and
 * {@code caches} (the repository's dependency caches) go to every command step.
 */
public record CheckContext(
        String workspaceId,
        Path workspace,
        CommandPolicy policy,
        Map<String, String> environment,
        Duration timeout,
        boolean network,
        Redactor redactor,
        Artifacts artifacts,
        SandboxResources resources,
        List<Path> caches) {
    public CheckContext {
        caches = caches == null ? List.of() : List.copyOf(caches);
    }

    /** Checks with the sandbox's own image and limits and no cache. */
    public CheckContext(
            String workspaceId,
            Path workspace,
            CommandPolicy policy,
            Map<String, String> environment,
            Duration timeout,
            boolean network,
            Redactor redactor,
            Artifacts artifacts) {
        this(workspaceId, workspace, policy, environment, timeout, network, redactor, artifacts, null, List.of());
    }
}
