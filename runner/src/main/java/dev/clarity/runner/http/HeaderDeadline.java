package dev.clarity.runner.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request line and headers are still arriving {@code deadline} after they began: a client
 * that sends a byte now and then is never idle, so the idle timeout would let it hold its connection for ever, and
 * Jetty bounds the size of headers but not the time they take.
 *
 * <p>Each connection is looked at every {@code deadline} (on the connector's scheduler): when it was in the middle
 * of the same request's headers at the previous look and still is, it is closed. So a request's headers are cut off
 * between one and two {@code deadline}s after they began; a connection that waits between requests (keep-alive) or
 * whose request is being handled is left alone. The parser's state is read from the scheduler's thread while the
 * selector's may be changing it: a look that sees a stale state only moves the cut-off by one period.
 */
final class HeaderDeadline implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

    private final Scheduler scheduler;
    private final long periodMillis;

    HeaderDeadline(Scheduler scheduler, Duration deadline) {
        this.scheduler = scheduler;
        this.periodMillis = deadline.toMillis();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            scheduler.schedule(new Look(http, -1), periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** One look at a connection; {@code midHeadersOf} is the request count seen mid-headers last time, or -1. */
    private final class Look implements Runnable {
        private final HttpConnection connection;
        private final long midHeadersOf;

        Look(HttpConnection connection, long midHeadersOf) {
            this.connection = connection;
            this.midHeadersOf = midHeadersOf;
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen()) {
                return;
            }
            HttpParser parser = connection.getParser();
            long requests = connection.getMessagesIn();
            boolean midHeaders = !parser.isStart() && parser.inHeaderState();
            if (midHeaders && requests == midHeadersOf) {
                log.debug(
                        "Closed a connection from {}: its request headers took longer than {} ms",
                        connection.getEndPoint().getRemoteSocketAddress(),
                        periodMillis);
                connection.getEndPoint().close();
                return;
            }
            scheduler.schedule(new Look(connection, midHeaders ? requests : -1), periodMillis, TimeUnit.MILLISECONDS);
        }
    }
}
