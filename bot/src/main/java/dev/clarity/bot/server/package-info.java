/**
 * The one HTTP server of {@code clarity serve}: Javalin with health, Prometheus metrics (optionally behind a bearer
 * token) and the routes other features contribute through {@link dev.clarity.bot.server.RouteContributor}, every
 * answer with the dashboard's security headers. Depends on Javalin, Micrometer and
 * {@code dev.clarity.dashboard.web.SecurityHeaders}.
 */
package dev.clarity.bot.server;
