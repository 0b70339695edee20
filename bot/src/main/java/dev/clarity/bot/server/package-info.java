/**
 * The one HTTP server of {@code clarity serve}: Javalin with health, Prometheus metrics and the routes other
 * features contribute through {@link dev.clarity.bot.server.RouteContributor}, and the limits that keep slow clients
 * from starving it ({@link dev.clarity.bot.server.HttpLimits}). Depends on Javalin (and its Jetty) and Micrometer.
 */
package dev.clarity.bot.server;
