package dev.clarity.runner.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.artifacts.Artifacts;
import dev.clarity.runner.checks.CheckContext;
import dev.clarity.runner.checks.CheckResult;
import dev.clarity.runner.checks.CriterionChecks;
import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.config.SandboxConfig;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.Sandbox;
import dev.clarity.runner.toolchain.DependencyCaches;
import dev.clarity.runner.toolchain.SandboxCeilings;
import dev.clarity.runner.toolchain.SetupRecords;
import dev.clarity.runner.toolchain.StepSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repository's own toolchain for {@link LocalRunner}: its {@code sandbox:} within the admin's ceilings, its
 * dependency cache, and {@code checks.setup} run at PREP once per workspace and base, with the network
 * {@code sandbox.network} allows (setup is the only step that gets it from this class; checks get the cache but keep
 * the network {@link LocalRunner} gives them). Called under the workspace's lock.
 */
final class RepositorySetup {
    private static final Logger log = LoggerFactory.getLogger(RepositorySetup.class);

    private final Sandbox sandbox;
    private final SandboxCeilings ceilings;
    private final DependencyCaches caches;
    private final SetupRecords records;
    private final CriterionChecks checks;

    /** {@code data} is Clarity's data directory; caches and setup records live in {@code <data>/caches}. */
    RepositorySetup(Sandbox sandbox, SandboxCeilings ceilings, Path data, CriterionChecks checks, ObjectMapper json) {
        this.sandbox = sandbox;
        this.ceilings = ceilings;
        this.caches = new DependencyCaches(data.resolve("caches"));
        this.records = new SetupRecords(data.resolve("caches").resolve(".setup"), json);
        this.checks = checks;
    }

    /** The repository's image, limits and timeout on this runner, or why its steps cannot run here. */
    StepSettings settings(RepositoryConfig config) {
        StepSettings settings = StepSettings.of(config.sandbox(), ceilings, sandbox.engine(), sandbox.image());
        if (settings instanceof StepSettings.Applied applied) {
            applied.notes().forEach(note -> log.info("{}", note));
        }
        return settings;
    }

    /** Records which repository {@code workspaceId} holds, so its steps get that repository's cache. */
    void assign(String workspaceId, String repoUrl) {
        caches.assign(workspaceId, repoUrl);
    }

    /** The cache directories a setup or check step of {@code workspaceId} gets; none before PREP assigned one. */
    List<Path> cacheDirectories(String workspaceId) {
        return caches.of(workspaceId).map(c -> List.of(c.directory())).orElse(List.of());
    }

    /** {@code base} with the cache's variables of {@code workspaceId} added (they point every build tool at it). */
    Map<String, String> environment(String workspaceId, Map<String, String> base) {
        Map<String, String> env = new LinkedHashMap<>(base);
        caches.of(workspaceId).ifPresent(c -> env.putAll(c.environment()));
        return env;
    }

    /**
     * Runs {@code commands} (the setup of the item's base) unless a run at the same base with the same commands and
     * image is recorded; returns that run's outcome. Empty when there is nothing to set up.
     */
    Optional<SetupRecords.Outcome> setup(
            String workspaceId,
            Path workspace,
            String taskId,
            Optional<String> base,
            List<List<String>> commands,
            CommandPolicy policy,
            Map<String, String> baseEnvironment,
            StepSettings.Applied settings,
            RepositoryConfig config,
            Redactor redactor) {
        if (commands.isEmpty()) {
            return Optional.empty();
        }
        String image = settings.resources().image();
        if (base.isPresent()) {
            Optional<SetupRecords.Outcome> done = records.read(workspaceId, base.get(), commands, image);
            if (done.isPresent()) {
                return done;
            }
        }
        CheckContext context = new CheckContext(
                workspaceId,
                workspace,
                policy,
                policy.environment(environment(workspaceId, baseEnvironment)),
                settings.timeout(),
                config.sandbox().network() == SandboxConfig.Network.EGRESS,
                redactor,
                new Artifacts(workspace, taskId),
                settings.resources(),
                cacheDirectories(workspaceId));
        List<SetupRecords.Command> steps = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            String key = commands.size() == 1 ? "standard.setup" : "standard.setup." + (i + 1);
            CheckResult result =
                    checks.command(new CriterionSpec(key, "ops", "cmd", null, commands.get(i), null), context);
            steps.add(new SetupRecords.Command(
                    result.key(), result.passed(), redactor.redact(result.summary()), result.evidence()));
        }
        SetupRecords.Outcome outcome = new SetupRecords.Outcome(base.orElse(""), steps);
        base.ifPresent(b -> records.write(workspaceId, commands, image, outcome));
        return Optional.of(outcome);
    }
}
