/**
 * The one HTTP server of {@code clarity serve}: Javalin with health, Prometheus metrics (optionally behind a bearer
 * token) and the routes other features contribute through {@link dev.clarity.bot.server.RouteContributor}, every
 * answer with the dashboard's security headers, and the limits that keep slow clients from starving it
 * ({@link dev.clarity.bot.server.HttpLimits}). Depends on Javalin (and its Jetty), Micrometer and
 * {@code dev.clarity.dashboard.web.SecurityHeaders}.
 */
package dev.clarity.bot.server;
