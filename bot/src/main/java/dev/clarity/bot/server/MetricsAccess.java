package dev.clarity.bot.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may read {@code GET /metrics}. Without {@code CLARITY_METRICS_TOKEN} it is open, like {@code /healthz}: the
 * figures (request counts and timings per route, executions, pool and JVM gauges) hold no secrets, and a scraper on
 * the same network is the usual reader. With the token set, a request must send {@code Authorization: Bearer
 * <token>} (compared in constant time) or gets 401 and no figures. Registered as a before-handler on
 * {@code /metrics}, so the endpoint itself stays as {@link HttpServer} defines it.
 */
public final class MetricsAccess implements RouteContributor {
    private final Optional<byte[]> token;

    public MetricsAccess(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void contribute(JavalinConfig config) {
        if (token.isPresent()) {
            config.routes.before("/metrics", this::check);
        }
    }

    private void check(Context ctx) {
        String auth = ctx.header("Authorization");
        boolean ok = auth != null
                && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8), token.get());
        if (!ok) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"")
                    .status(HttpStatus.UNAUTHORIZED)
                    .result("GET /metrics needs Authorization: Bearer CLARITY_METRICS_TOKEN.\n");
            ctx.skipRemainingHandlers();
        }
    }
}
