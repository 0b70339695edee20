/**
 * The one HTTP server of {@code clarity serve}: Javalin with health, Prometheus metrics and the routes other
 * features contribute through {@link dev.clarity.bot.server.RouteContributor}. Depends on Javalin and Micrometer.
 */
package dev.clarity.bot.server;
