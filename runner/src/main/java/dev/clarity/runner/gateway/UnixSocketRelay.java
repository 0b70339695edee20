package dev.clarity.runner.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Relays every connection made to a unix socket to a TCP port on the host's loopback, bytes as they come. The socket
 * is what a sandbox sees of the gateway: it is bound into the sandbox, whose network has nothing else. The socket
 * file is the runner's own, mode 0600. Connections are served on threads from the injected executor; {@link #close}
 * ends them all and removes the socket file.
 */
final class UnixSocketRelay implements AutoCloseable {
    private final Path socket;
    private final ServerSocketChannel server;
    private final InetSocketAddress target;
    private final Executor executor;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();

    UnixSocketRelay(Path socket, InetSocketAddress target, Executor executor) {
        this.socket = socket;
        this.target = target;
        this.executor = executor;
        try {
            Files.deleteIfExists(socket);
            this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("opening the gateway socket " + socket, e);
        }
        executor.execute(this::accept);
    }

    Path socket() {
        return socket;
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel inside;
            try {
                inside = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            executor.execute(() -> serve(inside));
        }
    }

    private void serve(SocketChannel inside) {
        open.add(inside);
        try (inside;
                SocketChannel outside = SocketChannel.open(target)) {
            open.add(outside);
            outside.setOption(StandardSocketOptions.TCP_NODELAY, true);
            var back = java.util.concurrent.CompletableFuture.runAsync(() -> pump(outside, inside), executor);
            pump(inside, outside);
            back.join();
        } catch (IOException e) {
            // the gateway's port is gone (the step ended): the tool sees its connection close
        } finally {
            open.remove(inside);
        }
    }

    /** Copies until {@code from} ends, then half-closes {@code to} so the other side sees the end. */
    private void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed: the other pump ends too
        } finally {
            open.remove(from);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        for (SocketChannel channel : open) {
            try {
                channel.close();
            } catch (IOException e) {
                // already closed
            }
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // left for the next start to remove
        }
    }
}
