package dev.clarity.runner.http;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;

/**
 * What one client can hold of the runner's HTTP server, so that a slow or oversized client cannot keep its threads
 * or its memory:
 *
 * <ul>
 *   <li>{@code idleTimeout}: a connection that sends nothing (and is sent nothing) for this long is closed. A step
 *       the runner is carrying out does not count as idle: a long IMPLEMENT keeps its connection.
 *   <li>{@code headerDeadline}: a request whose line and headers are still arriving this long after they began is
 *       closed ({@link HeaderDeadline}); a client that trickles them byte by byte is never idle, so the idle timeout
 *       alone would not stop it.
 *   <li>{@code maxRequestBytes}: a body larger than this is refused with 413 and a JSON sentence when its length is
 *       declared, and its reading fails once it passes the limit when it is not (chunked).
 * </ul>
 */
public record ServerLimits(Duration idleTimeout, Duration headerDeadline, long maxRequestBytes) {

    /**
     * The idle timeout is Jetty's own default; headers take milliseconds from the bot; 16 MiB holds the largest
     * request the bot sends, a {@code /write-file} of a file (base64) that Clarity itself wrote.
     */
    public static ServerLimits defaults() {
        return new ServerLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 16L << 20);
    }

    public ServerLimits {
        if (!idleTimeout.isPositive() || !headerDeadline.isPositive()) {
            throw new IllegalArgumentException("the idle timeout and the header deadline must be positive");
        }
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be positive, not " + maxRequestBytes);
        }
    }

    /** Installs the limits: the one connector on {@code host}:{@code port} and the body limits before the routes. */
    void applyTo(JavalinConfig config, String host, int port) {
        config.http.maxRequestSize = maxRequestBytes;
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(idleTimeout.toMillis());
            connector.addEventListener(new HeaderDeadline(connector.getScheduler(), headerDeadline));
            return connector;
        });
        config.jetty.modifyServer(server -> {
            // inserted in this order, the declared-length refusal runs first and the streaming limit wraps the rest
            server.insertHandler(new SizeLimitHandler(maxRequestBytes, -1));
            server.insertHandler(new DeclaredSizeLimit(maxRequestBytes));
        });
    }
}
