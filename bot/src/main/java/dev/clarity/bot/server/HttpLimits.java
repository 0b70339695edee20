package dev.clarity.bot.server;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;

/**
 * What one client can hold of the server, so that clients that open connections and never finish their requests
 * (slow or stalled bodies) cannot starve the others, {@code /healthz} among them:
 *
 * <ul>
 *   <li>{@code idleTimeout}: a connection with nothing to read or write for this long is closed; a body read that
 *       waits this long for its next bytes fails.
 *   <li>{@code bodyDeadline}: a request body still arriving this long after the request began fails at its next
 *       bytes ({@link BodyDeadline}); with the idle timeout, a body is cut off at most {@code bodyDeadline +
 *       idleTimeout} after it began, however slowly it trickles; a request with a body not done a second after that
 *       is failed and its connection closed, whatever its handlers do ({@link BodyDeadline}).
 *   <li>{@code connectionsPerAddress}: further connections from an address that holds this many are closed as they
 *       open ({@link ConnectionsPerAddress}); 0 for no limit.
 *   <li>{@code bodyReaders}: at most this many requests with a body are handled at once, so a thread of the pool
 *       (250) is blocked in a body read only within that share; the others wait without a thread, up to
 *       {@code bodyReaderWait}, then get 503. Requests without a body (pages, {@code /healthz}) never wait for them.
 * </ul>
 */
public record HttpLimits(
        Duration idleTimeout,
        Duration bodyDeadline,
        int connectionsPerAddress,
        int bodyReaders,
        Duration bodyReaderWait) {

    /**
     * Sized for GitHub, which answers a delivery within 10 s and sends it in milliseconds, and for the load benchmark
     * (64 connections from one address).
     */
    public static HttpLimits defaults() {
        return new HttpLimits(Duration.ofSeconds(15), Duration.ofSeconds(20), 100, 100, Duration.ofSeconds(5));
    }

    public HttpLimits {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || bodyDeadline.isNegative() || bodyDeadline.isZero()) {
            throw new IllegalArgumentException("the idle timeout and the body deadline must be positive");
        }
        if (connectionsPerAddress < 0 || bodyReaders < 1 || bodyReaderWait.isNegative()) {
            throw new IllegalArgumentException("connectionsPerAddress >= 0, bodyReaders >= 1, bodyReaderWait >= 0");
        }
    }

    /**
     * Installs the limits on a server being configured: its one connector (on {@code host}:{@code port}, in place of
     * the framework's default one) and two handlers in front of the application.
     */
    void applyTo(JavalinConfig config, String host, int port) {
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(idleTimeout.toMillis());
            if (connectionsPerAddress > 0) {
                connector.addEventListener(new ConnectionsPerAddress(connectionsPerAddress));
            }
            return connector;
        });
        config.jetty.modifyServer(server -> {
            QoSHandler readers = new QoSHandler();
            readers.setMaxRequestCount(bodyReaders);
            readers.setMaxSuspend(bodyReaderWait);
            readers.include(HttpLimits::hasBody);
            server.insertHandler(readers);
            BodyDeadline deadline = new BodyDeadline(bodyDeadline, hardLimit());
            deadline.include(HttpLimits::hasBody);
            server.insertHandler(deadline);
        });
    }

    /**
     * How long a request with a body may take at most, from its start to its end, whatever happens behind: the body
     * deadline, then the idle timeout for the read that waits, and a second for the answer.
     */
    Duration hardLimit() {
        return bodyDeadline.plus(idleTimeout).plusSeconds(1);
    }

    /** A request that announces a body: a positive Content-Length, or chunked transfer coding. */
    static boolean hasBody(Request request) {
        var headers = request.getHeaders();
        long length = headers.getLongField(HttpHeader.CONTENT_LENGTH);
        if (length > 0) {
            return true;
        }
        String coding = headers.get(HttpHeader.TRANSFER_ENCODING);
        return coding != null && coding.toLowerCase(Locale.ROOT).contains("chunked");
    }
}
