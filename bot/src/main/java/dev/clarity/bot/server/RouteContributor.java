package dev.clarity.bot.server;

import io.javalin.config.JavalinConfig;

/**
 * A feature that adds routes to the shared server (webhooks, dashboard, setup). Called once, while the server is
 * being configured, before it starts.
 */
@FunctionalInterface
public interface RouteContributor {
    void contribute(JavalinConfig config);
}
