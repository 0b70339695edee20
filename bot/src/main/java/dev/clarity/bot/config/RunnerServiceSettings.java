package dev.clarity.bot.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code clarity runner} (the standalone runner service) needs: the bearer token every call must carry (at least
 * {@value EnvironmentConfig#MIN_RUNNER_TOKEN_LENGTH} characters), the data directory for workspaces, the port, how
 * many steps run at once, and the sandbox. Built by {@link EnvironmentConfig#runnerService}.
 */
public record RunnerServiceSettings(
        String token, Path dataDir, int port, int capacity, SandboxChoice sandbox, Optional<String> dockerHost) {
    @Override
    public String toString() {
        return "RunnerServiceSettings[token=***, dataDir=" + dataDir + ", port=" + port + ", capacity=" + capacity
                + ", sandbox=" + sandbox + ", dockerHost=" + dockerHost + "]";
    }
}
