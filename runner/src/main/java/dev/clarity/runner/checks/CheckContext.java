package dev.clarity.runner.checks;

import dev.clarity.runner.artifacts.Artifacts;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how checks of one VERIFY run: the workspace, the policy and environment for commands, the step timeout,
 * the redactor for every line, and where evidence goes.
 */
public record CheckContext(
        String workspaceId,
        Path workspace,
        CommandPolicy policy,
        Map<String, String> environment,
        Duration timeout,
        boolean network,
        Redactor redactor,
        Artifacts artifacts) {}
