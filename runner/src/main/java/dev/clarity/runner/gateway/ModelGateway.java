package dev.clarity.runner.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's model gateway (ADR 0024): {@link #open} gives one tool step its own endpoint — a unix socket of its
 * own, which a sandbox binds in, and a port on the host's loopback for a sandbox without a network namespace — and a
 * token valid only there and only until the step ends. Provider keys stay in the runner ({@link ProviderKeys}); the
 * step's requests are forwarded with them and their usage counted ({@link GatewayStep#usage()}).
 *
 * <p>One Jetty server serves every step: each step adds its two connectors (the unix socket's replaced by one on the
 * socket its sandbox listens with, when the sandbox hands that over: {@link ListenerHandoff}) and {@link StepRouter}
 * hands a request to the step whose connector accepted it; all share one pool of threads. The server starts with
 * the first step and runs until {@link #close()} (its threads are daemons, so a runner that never closes it still exits). Thread-safe.
 */
public final class ModelGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelGateway.class);
    /** Milliseconds a tool's connection may stay silent: as long as the gateway waits for the model's next event. */
    static final long IDLE_TIMEOUT = ForwardingHandler.READ_TIMEOUT;

    private final ProviderKeys keys;
    private final Path socketDirectory;
    private final FileChannel lock;
    private final Supplier<String> tokens;
    private final boolean handoffs;
    private final AtomicLong steps = new AtomicLong();
    private final Server server;
    private final StepRouter router = new StepRouter();
    private final HttpConfiguration http = new HttpConfiguration();

    /**
     * The gateway runs on threads of its own, not an injected executor: Jetty's pool lets the thread that found a
     * request readable serve it without a hand-off, which virtual threads cannot (ADR 0024 has the figures). The
     * pool holds at most 256 threads: each open step keeps two (one selector per connector; a handed-over socket
     * replaces the unix socket's) plus one per request in flight, and one thread of its own while it waits for a
     * handoff.
     *
     * @param socketDirectory where the per-step sockets live, in a subdirectory of this gateway's own (created, mode
     *     0700; a unix socket path has at most 107 bytes, so keep it short); several gateways, of one process or of
     *     several, may share it
     * @param tokens makes step tokens; {@link #randomTokens()} in production
     */
    public ModelGateway(ProviderKeys keys, Path socketDirectory, Supplier<String> tokens) {
        this(keys, socketDirectory, tokens, false);
    }

    /**
     * As the other constructor; with {@code handoffs}, each step also gets a handoff socket
     * ({@link GatewayStep#handoff()}) on which its sandbox may pass the listening socket of its own loopback, so that
     * the gateway accepts the tool's connections itself (ADR 0024). Ignored where this process cannot receive a
     * socket ({@link #handoffsSupported()}).
     */
    public ModelGateway(ProviderKeys keys, Path socketDirectory, Supplier<String> tokens, boolean handoffs) {
        this.keys = keys;
        this.tokens = tokens;
        this.handoffs = handoffs && ListenerHandoff.supported();
        try {
            Files.createDirectories(socketDirectory);
            Files.setPosixFilePermissions(socketDirectory, PosixFilePermissions.fromString("rwx------"));
            removeAbandoned(socketDirectory);
            // a directory of this gateway's own, held by a lock while it runs: runners sharing a data directory
            // never touch each other's sockets, and the next one to start removes what a dead one left
            String own = HexFormat.of().toHexDigits(new SecureRandom().nextInt());
            lock = FileChannel.open(
                    socketDirectory.resolve(own + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock.lock();
            this.socketDirectory = Files.createDirectory(
                    socketDirectory.resolve(own),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("creating the gateway's socket directory " + socketDirectory, e);
        }
        QueuedThreadPool threads = new QueuedThreadPool(256, 2);
        threads.setName("model-gateway");
        threads.setDaemon(true);
        server = new Server(threads, new ScheduledExecutorScheduler("model-gateway-timer", true), null);
        server.setHandler(router);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(64 * 1024);
    }

    /**
     * Removes the socket directories of gateways that ended without closing (their lock is free); a directory whose
     * lock another process, or this one, holds belongs to a running gateway and stays.
     */
    private static void removeAbandoned(Path socketDirectory) throws IOException {
        List<Path> locks;
        try (var listing = Files.list(socketDirectory)) {
            locks = listing.filter(p -> p.getFileName().toString().endsWith(".lock"))
                    .toList();
        }
        for (Path lockFile : locks) {
            String name = lockFile.getFileName().toString();
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                    FileLock held = channel.tryLock()) {
                if (held == null) {
                    continue;
                }
                deleteTree(socketDirectory.resolve(name.substring(0, name.length() - ".lock".length())));
                Files.deleteIfExists(lockFile);
            } catch (OverlappingFileLockException | NoSuchFileException e) {
                // held by a gateway of this process, or removed by another starting gateway meanwhile
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file); // sockets and nothing else: the gateway makes no subdirectories
            }
        }
        Files.deleteIfExists(dir);
    }

    /** True when this process can receive a listening socket from a sandbox (Linux, 64-bit, its C library). */
    public static boolean handoffsSupported() {
        return ListenerHandoff.supported();
    }

    /** 32 random bytes, URL-safe, recognisable as Clarity's. */
    public static Supplier<String> randomTokens() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return "clarity-step-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        };
    }

    /**
     * Opens the endpoint of one step. {@code scope} is handed to {@link ProviderKeys} (the workspace id);
     * {@code maxTokens} is the step's token limit, 0 for none. Close the returned handle when the step ends: its
     * token stops working and its socket disappears.
     */
    public GatewayStep open(String scope, long maxTokens) {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens is 0 (no limit) or positive, not " + maxTokens);
        }
        String token = tokens.get();
        StepMeter meter = new StepMeter(maxTokens);
        ForwardingHandler handler = new ForwardingHandler(keys, scope, token, meter);
        // no acceptor threads: each connector's one selector accepts, so a step holds two of the pool's threads
        ServerConnector port = new ServerConnector(server, 0, 1, new HttpConnectionFactory(http));
        port.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        port.setPort(0);
        port.setIdleTimeout(IDLE_TIMEOUT);
        Path path = socketDirectory.resolve(steps.incrementAndGet() + ".sock");
        UnixDomainServerConnector socket = new UnixDomainServerConnector(server, 0, 1, new HttpConnectionFactory(http));
        socket.setUnixDomainPath(path);
        socket.setIdleTimeout(IDLE_TIMEOUT);
        GatewayStep step = new GatewayStep(token, port, socket, meter, this::end);
        try {
            start(port, handler, "a gateway port on the loopback for a step of " + scope);
            start(socket, handler, "the gateway socket " + path);
            if (handoffs) {
                Path handoff = GatewayStep.handoffFor(path);
                step.handoff(ListenerHandoff.open(handoff, channel -> adopt(step, channel, handler, scope, socket)));
            }
        } catch (RuntimeException e) {
            step.close();
            throw e;
        }
        return step;
    }

    /**
     * Serves the step on the listening socket its sandbox handed over: a connector accepting on the sandbox's own
     * loopback, which replaces the step's unix socket (the sandbox starts no forwarder). Throws when the step has
     * ended (the channel is then the caller's to close).
     */
    private void adopt(
            GatewayStep step,
            ServerSocketChannel channel,
            ForwardingHandler handler,
            String scope,
            UnixDomainServerConnector forwarded) {
        ServerConnector direct = new ServerConnector(server, 0, 1, new HttpConnectionFactory(http));
        direct.setIdleTimeout(IDLE_TIMEOUT);
        try {
            direct.open(channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean added;
        try {
            added = step.add(
                    direct, () -> start(direct, handler, "the sandbox's own listening socket for a step of " + scope));
        } catch (RuntimeException e) {
            end(List.of(direct));
            throw e;
        }
        if (!added) {
            throw new IllegalStateException("the step ended");
        }
        end(List.of(forwarded)); // no forwarder starts in that sandbox: its selector thread is freed
    }

    private synchronized void start(AbstractConnector connector, ForwardingHandler handler, String what) {
        try {
            if (!server.isStarted()) {
                server.start();
            }
            if (connector instanceof UnixDomainServerConnector socket) {
                Files.deleteIfExists(socket.getUnixDomainPath()); // left by a runner that ended without closing it
            }
            router.route(connector, handler);
            server.addConnector(connector);
            connector.start();
            if (connector instanceof UnixDomainServerConnector socket) {
                // bound with the process's umask; nobody else could reach it before this: its directory is 0700
                Files.setPosixFilePermissions(socket.getUnixDomainPath(), PosixFilePermissions.fromString("rw-------"));
            }
        } catch (Exception e) {
            throw new IllegalStateException("opening " + what, e);
        }
    }

    /** Stops a step's connectors: their connections close at once, the socket file is removed. */
    private synchronized void end(List<AbstractConnector> connectors) {
        for (AbstractConnector connector : connectors) {
            router.forget(connector);
            try {
                connector.stop();
            } catch (Exception e) {
                // stopping closes the channel and the connections; a failure leaves nothing to serve
            }
            server.removeConnector(connector);
        }
    }

    /** Stops the server: every step's endpoint ends. For tests and an orderly shutdown; idempotent. */
    @Override
    public synchronized void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the model gateway's server", e);
        }
        try {
            deleteTree(socketDirectory);
            String name = socketDirectory.getFileName() + ".lock";
            Files.deleteIfExists(socketDirectory.resolveSibling(name));
            lock.close();
        } catch (IOException e) {
            log.debug("Could not remove the gateway's socket directory {}: {}", socketDirectory, e.getMessage());
        }
    }
}
