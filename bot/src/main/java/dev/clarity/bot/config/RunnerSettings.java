package dev.clarity.bot.config;

import java.net.URI;
import java.util.List;

/**
 * Where steps run. With no {@code remoteUrls} the in-process runner is used; {@code port} is where
 * {@code clarity runner} listens; {@code token} authenticates the bot to runners (null when unset).
 */
public record RunnerSettings(List<URI> remoteUrls, String token, int port) {
    public RunnerSettings {
        remoteUrls = List.copyOf(remoteUrls);
    }

    @Override
    public String toString() {
        return "RunnerSettings[remoteUrls=" + remoteUrls + ", token=" + (token == null ? "unset" : "***") + ", port="
                + port + "]";
    }
}
