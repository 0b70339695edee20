package dev.clarity.bot.autonomy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP listener of the host on every address, counting the connections it accepts: a tool in the sandbox (no network)
 * that reaches it has escaped. Its accept loop runs on one daemon thread until {@link #close()}.
 */
final class HostListener implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final String hostAddress;

    private HostListener(ServerSocket socket, String hostAddress) {
        this.socket = socket;
        this.hostAddress = hostAddress;
    }

    static HostListener start() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress("0.0.0.0", 0));
            HostListener listener = new HostListener(socket, ownAddress());
            Thread.ofPlatform().daemon().name("autonomy-host-listener").start(listener::accept);
            return listener;
        } catch (IOException e) {
            throw new UncheckedIOException("opening the host listener", e);
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                connections.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** The host's first non-loopback IPv4 address, or 127.0.0.1 when it has none. */
    private static String ownAddress() throws SocketException {
        var interfaces = NetworkInterface.getNetworkInterfaces();
        while (interfaces.hasMoreElements()) {
            NetworkInterface ni = interfaces.nextElement();
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : ni.inetAddresses().toList()) {
                if (a instanceof Inet4Address) {
                    return a.getHostAddress();
                }
            }
        }
        return "127.0.0.1";
    }

    int port() {
        return socket.getLocalPort();
    }

    String hostAddress() {
        return hostAddress;
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing waits on it
        }
    }
}
