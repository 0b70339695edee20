package dev.clarity.bot.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection as it opens when its remote address already holds {@code max} open connections. Jetty's own
 * limits count connections for the whole server, not per address, so one client could take them all.
 *
 * <p>Registered on the connector, so told of every connection it opens and closes (from the selector threads,
 * concurrently). A connection counts from its opening to its closing; one that was refused counts until its close
 * too, so the count never drifts. A WebSocket, once upgraded, is a new connection the connector does not report and
 * no longer counts. Behind a reverse proxy every client has the proxy's address: the limit then applies to them all
 * together.
 */
final class ConnectionsPerAddress implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(ConnectionsPerAddress.class);

    private final int max;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Each counted connection with its address: once closed, a connection can no longer tell its address. */
    private final ConcurrentHashMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int max) {
        this.max = max;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection);
        if (address == null) {
            return;
        }
        int now = open.merge(address, 1, Integer::sum);
        counted.put(connection, address);
        if (now > max) {
            log.debug("Closed a connection from {}: it holds {} already", address.getHostAddress(), max);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address != null) {
            open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Connections open from {@code address} now (for tests and diagnostics). */
    int openFrom(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    private static InetAddress address(Connection connection) {
        return connection.getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }
}
