package dev.clarity.runner.gateway;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's half of the direct path into a sandbox (ADR 0024): a unix socket of the step's own, bound into the
 * sandbox, on which the sandbox's {@code clarity-listen} sends the TCP socket it listens with on its own loopback
 * ({@code SCM_RIGHTS}). The gateway checks what it got — a listening IPv4 stream socket, nothing else — makes it a
 * {@link ServerSocketChannel} and hands it to {@code adopt}, which serves the tool's connections on it: no forwarder
 * between the tool and the gateway. One handoff per step, on the first connection; the socket file is gone after it.
 * A sandbox that sends anything else is answered {@code -} and keeps its forwarder.
 *
 * <p>The JDK has no API for receiving a file descriptor, so the socket calls go through JNA to the C library (Linux,
 * 64-bit). Waiting for the handoff takes one platform thread per step (a native call would pin a virtual thread's
 * carrier), until the handoff or {@link #close()}. Thread-safe.
 */
final class ListenerHandoff implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ListenerHandoff.class);

    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_ACCEPTCONN = 30;
    private static final int SO_DOMAIN = 39;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_CTRUNC = 0x8;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int SHUT_RDWR = 2;
    /** {@code CMSG_SPACE(sizeof(int))}: room for one descriptor (two, by its alignment); more are discarded. */
    private static final int CONTROL = 24;

    /** The C library calls used here; {@code long} is {@code size_t}/{@code ssize_t} on 64-bit Linux. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, Pointer address, int length) throws LastErrorException;

        int listen(int fd, int backlog) throws LastErrorException;

        int accept4(int fd, Pointer address, Pointer length, int flags) throws LastErrorException;

        long recvmsg(int fd, Pointer message, int flags) throws LastErrorException;

        long write(int fd, Pointer buffer, long count) throws LastErrorException;

        int getsockopt(int fd, int level, int name, Pointer value, Pointer length) throws LastErrorException;

        int setsockopt(int fd, int level, int name, Pointer value, int length) throws LastErrorException;

        int getsockname(int fd, Pointer address, Pointer length) throws LastErrorException;

        int dup2(int from, int to) throws LastErrorException;

        int shutdown(int fd, int how);

        int close(int fd);
    }

    private static final Optional<LibC> C = load();

    private final Path path;
    private final Consumer<ServerSocketChannel> adopt;
    private final Thread waiting;
    private int listener;
    private int connection = -1;
    private boolean closed;

    private ListenerHandoff(Path path, int listener, Consumer<ServerSocketChannel> adopt) {
        this.path = path;
        this.listener = listener;
        this.adopt = adopt;
        this.waiting = Thread.ofPlatform()
                .daemon()
                .name("gateway-handoff-" + path.getFileName())
                .unstarted(this::await);
    }

    private static Optional<LibC> load() {
        if (!System.getProperty("os.name", "").equals("Linux")
                || !"64".equals(System.getProperty("sun.arch.data.model"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Native.load("c", LibC.class));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            log.warn(
                    "The gateway cannot receive listening sockets from sandboxes (their forwarder stays): {}",
                    e.toString());
            return Optional.empty();
        }
    }

    /** True when this process can receive a socket from a sandbox: Linux, 64-bit, the C library loaded. */
    static boolean supported() {
        return C.isPresent();
    }

    /**
     * Listens on {@code path} (mode 0600; a file left there is replaced) for one handoff, which {@code adopt}
     * receives on this object's own thread. Throws when the socket cannot be made or this process cannot receive one.
     */
    static ListenerHandoff open(Path path, Consumer<ServerSocketChannel> adopt) {
        LibC c = C.orElseThrow(() -> new IllegalStateException("receiving a socket needs Linux and its C library"));
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length > 107) {
            throw new IllegalArgumentException(
                    "a unix socket path has at most 107 bytes, not " + name.length + ": " + path);
        }
        int fd = -1;
        try {
            Files.deleteIfExists(path);
            fd = c.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            Memory address = new Memory(110);
            address.clear();
            address.setShort(0, (short) AF_UNIX);
            address.write(2, name, 0, name.length);
            c.bind(fd, address, 2 + name.length + 1);
            // bound with the process's umask; nobody else could reach it before this: its directory is 0700
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            c.listen(fd, 1);
        } catch (LastErrorException | IOException e) {
            if (fd >= 0) {
                c.close(fd);
            }
            throw new IllegalStateException("opening the gateway's handoff socket " + path + ": " + e.getMessage(), e);
        }
        ListenerHandoff handoff = new ListenerHandoff(path, fd, adopt);
        handoff.waiting.start();
        return handoff;
    }

    /** The socket file a sandbox binds in. */
    Path path() {
        return path;
    }

    private void await() {
        LibC c = C.orElseThrow();
        int from;
        synchronized (this) {
            from = listener;
        }
        int accepted;
        try {
            accepted = c.accept4(from, Pointer.NULL, Pointer.NULL, SOCK_CLOEXEC);
        } catch (LastErrorException e) {
            endListening(c); // closed while waiting (shutdown makes accept fail)
            return;
        }
        synchronized (this) {
            if (closed) {
                c.close(accepted);
                endListening(c);
                return;
            }
            connection = accepted;
        }
        endListening(c); // one handoff per step: nobody connects again
        try {
            Memory timeout = new Memory(16);
            timeout.setLong(0, 10); // seconds: a sandbox that connects and sends nothing does not keep the thread
            timeout.setLong(8, 0);
            c.setsockopt(accepted, SOL_SOCKET, SO_RCVTIMEO, timeout, 16);
            Optional<String> refusal = receive(c, accepted);
            if (refusal.isPresent()) {
                log.warn("A sandbox's listening socket was refused: {}", refusal.get());
            }
            answer(c, accepted, refusal.isEmpty() ? '+' : '-');
        } catch (LastErrorException e) {
            log.warn("A sandbox's listening socket could not be received: {}", e.getMessage());
        } finally {
            synchronized (this) {
                connection = -1;
                c.close(accepted);
            }
        }
    }

    /** Receives, checks and adopts one descriptor; empty when adopted, else why not. */
    private Optional<String> receive(LibC c, int from) {
        Memory data = new Memory(1);
        Memory iov = new Memory(16);
        iov.setPointer(0, data);
        iov.setLong(8, 1);
        Memory control = new Memory(CONTROL);
        control.clear();
        Memory message = new Memory(56);
        message.clear();
        message.setPointer(16, iov);
        message.setLong(24, 1);
        message.setPointer(32, control);
        message.setLong(40, CONTROL);
        long n = c.recvmsg(from, message, MSG_CMSG_CLOEXEC);
        int flags = message.getInt(48);
        long controlLength = message.getLong(40);
        boolean rights = controlLength >= 20 && control.getInt(8) == SOL_SOCKET && control.getInt(12) == SCM_RIGHTS;
        if (!rights) {
            return Optional.of(n <= 0 ? "the sandbox sent nothing" : "the sandbox sent no socket");
        }
        // the buffer has room for two descriptors (its alignment): every one received is closed unless it is the one
        int count = (int) Math.min(2, Math.max(0, (control.getLong(0) - 16) / 4));
        if (count != 1 || (flags & MSG_CTRUNC) != 0) {
            for (int i = 0; i < count; i++) {
                c.close(control.getInt(16 + 4L * i));
            }
            return Optional.of("the sandbox sent more than one descriptor");
        }
        int fd = control.getInt(16);
        Optional<String> wrong = check(c, fd);
        if (wrong.isPresent()) {
            c.close(fd);
            return wrong;
        }
        ServerSocketChannel channel;
        try {
            channel = adoptDescriptor(c, fd);
        } catch (IOException | LastErrorException e) {
            c.close(fd);
            return Optional.of("its descriptor could not be made a channel: " + e.getMessage());
        }
        synchronized (this) {
            if (closed) {
                closeQuietly(channel);
                return Optional.of("the step ended");
            }
        }
        try {
            adopt.accept(channel);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            return Optional.of("the gateway could not serve it: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Empty when {@code fd} is a listening IPv4 stream socket, else what it is not. */
    private static Optional<String> check(LibC c, int fd) {
        int domain = option(c, fd, SO_DOMAIN);
        int type = option(c, fd, SO_TYPE);
        int accepting = option(c, fd, SO_ACCEPTCONN);
        if (domain != AF_INET || type != SOCK_STREAM || accepting != 1) {
            return Optional.of("the descriptor is not a listening IPv4 stream socket (domain " + domain + ", type "
                    + type + ", listening " + accepting + ")");
        }
        return Optional.empty();
    }

    private static int option(LibC c, int fd, int name) {
        Memory value = new Memory(4);
        Memory length = new Memory(4);
        length.setInt(0, 4);
        try {
            c.getsockopt(fd, SOL_SOCKET, name, value, length);
            return value.getInt(0);
        } catch (LastErrorException e) {
            return -1;
        }
    }

    /**
     * A {@link ServerSocketChannel} that accepts on {@code fd}: the JDK cannot wrap a descriptor it did not make, so
     * a channel of its own is bound to a free loopback port (found among this process's descriptors by that port) and
     * its descriptor replaced by {@code fd} ({@code dup2}, atomic). The channel keeps reporting that port as its
     * address; everything else — accepting, selecting, closing — acts on {@code fd}. Closes {@code fd}.
     */
    private static ServerSocketChannel adoptDescriptor(LibC c, int fd) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            int own = descriptorListeningOn(c, port)
                    .orElseThrow(() -> new IOException("no descriptor of this process listens on port " + port));
            c.dup2(fd, own);
            c.close(fd);
            return channel;
        } catch (IOException | LastErrorException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static Optional<Integer> descriptorListeningOn(LibC c, int port) throws IOException {
        Memory address = new Memory(16);
        Memory length = new Memory(4);
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path entry : fds) {
                int fd;
                try {
                    fd = Integer.parseInt(entry.getFileName().toString());
                    if (!Files.readSymbolicLink(entry).toString().startsWith("socket:")) {
                        continue;
                    }
                } catch (NumberFormatException | IOException e) {
                    continue; // closed since the listing, or the listing's own descriptor
                }
                address.clear();
                length.setInt(0, 16);
                try {
                    c.getsockname(fd, address, length);
                } catch (LastErrorException e) {
                    continue;
                }
                int found = ((address.getByte(2) & 0xff) << 8) | (address.getByte(3) & 0xff);
                if (address.getShort(0) == AF_INET && found == port && option(c, fd, SO_ACCEPTCONN) == 1) {
                    return Optional.of(fd);
                }
            }
        }
        return Optional.empty();
    }

    private static void answer(LibC c, int fd, char answer) {
        Memory byteOut = new Memory(1);
        byteOut.setByte(0, (byte) answer);
        try {
            c.write(fd, byteOut, 1);
        } catch (LastErrorException e) {
            // the helper gave up waiting: it starts its forwarder, and a channel adopted meanwhile is unused
        }
    }

    private synchronized void endListening(LibC c) {
        if (listener >= 0) {
            c.close(listener);
            listener = -1;
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.debug("Could not remove the handoff socket {}: {}", path, e.getMessage());
            }
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was served on it
        }
    }

    /** Stops waiting: a handoff under way is cut off, the socket file removed. Idempotent. */
    @Override
    public void close() {
        LibC c = C.orElseThrow();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (listener >= 0) {
                c.shutdown(listener, SHUT_RDWR); // wakes the thread in accept; it closes the descriptor
            }
            if (connection >= 0) {
                c.shutdown(connection, SHUT_RDWR);
            }
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("Could not remove the handoff socket {}: {}", path, e.getMessage());
        }
    }
}
