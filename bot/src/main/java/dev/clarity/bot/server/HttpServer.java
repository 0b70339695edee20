package dev.clarity.bot.server;

import dev.clarity.dashboard.web.SecurityHeaders;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clarity's HTTP server: {@code GET /healthz}, {@code GET /metrics} and every contributed route, with a timer per
 * request ({@code http_server_requests}, tagged by method, route and status). Started once, stopped once.
 */
public final class HttpServer implements AutoCloseable {
    private static final String TIMER_START = "clarity.timer";

    private final Javalin app;

    public HttpServer(
            String host,
            int port,
            PrometheusMeterRegistry metrics,
            HealthSource health,
            InstantSource clock,
            List<RouteContributor> contributors,
            com.fasterxml.jackson.databind.ObjectMapper json) {
        this(host, port, metrics, health, clock, contributors, json, HttpLimits.defaults());
    }

    /** @param limits what one client can hold of the server (slow bodies, connections per address) */
    public HttpServer(
            String host,
            int port,
            PrometheusMeterRegistry metrics,
            HealthSource health,
            InstantSource clock,
            List<RouteContributor> contributors,
            com.fasterxml.jackson.databind.ObjectMapper json,
            HttpLimits limits) {
        long started = clock.millis();
        this.app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            limits.applyTo(config, host, port);
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.routes.before(ctx -> ctx.attribute(TIMER_START, System.nanoTime()));
            config.routes.before(SecurityHeaders::apply); // on every answer: pages, API, errors, webhook
            config.routes.after(ctx -> record(metrics, ctx));
            config.routes.get("/healthz", ctx -> healthz(ctx, health, clock, started));
            config.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                            .result(metrics.scrape()));
            for (RouteContributor c : contributors) {
                c.contribute(config);
            }
        });
    }

    /** Binds the port and starts serving; throws when the port is taken. */
    public HttpServer start() {
        app.start();
        return this;
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void healthz(Context ctx, HealthSource health, InstantSource clock, long started) {
        boolean db = health.databaseReachable();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", db ? "ok" : "degraded");
        body.put("database", db ? "up" : "down");
        body.put("schemaVersion", db ? health.schemaVersion() : null);
        body.put("uptimeSeconds", Duration.ofMillis(clock.millis() - started).toSeconds());
        ctx.status(db ? 200 : 503).json(body);
    }

    private static void record(PrometheusMeterRegistry metrics, Context ctx) {
        Long start = ctx.attribute(TIMER_START);
        if (start == null) {
            return;
        }
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? "unmatched" : endpoint.path;
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(metrics)
                .record(Duration.ofNanos(System.nanoTime() - start));
    }
}
