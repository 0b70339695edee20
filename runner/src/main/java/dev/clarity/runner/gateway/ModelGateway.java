package dev.clarity.runner.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The runner's model gateway (ADR 0024): {@link #open} gives one tool step its own endpoint — an HTTP server on the
 * host's loopback, reached from the sandbox only through a unix socket of its own — and a token valid only there and
 * only until the step ends. Provider keys stay in the runner ({@link ProviderKeys}); the step's requests are
 * forwarded with them and their usage counted ({@link GatewayStep#usage()}). Thread-safe.
 */
public final class ModelGateway {
    static {
        // answers stream as small chunks (one event at a time): without this, Nagle's algorithm holds them back
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ProviderKeys keys;
    private final Executor executor;
    private final Path socketDirectory;
    private final Supplier<String> tokens;
    private final AtomicLong steps = new AtomicLong();

    /**
     * @param socketDirectory where the per-step sockets live (created, mode 0700; a unix socket path has at most 107
     *     bytes, so keep it short)
     * @param tokens makes step tokens; {@link #randomTokens()} in production
     */
    public ModelGateway(ProviderKeys keys, Executor executor, Path socketDirectory, Supplier<String> tokens) {
        this.keys = keys;
        this.executor = executor;
        this.socketDirectory = socketDirectory;
        this.tokens = tokens;
        try {
            Files.createDirectories(socketDirectory);
            Files.setPosixFilePermissions(
                    socketDirectory, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("creating the gateway's socket directory " + socketDirectory, e);
        }
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
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("opening a gateway port on the loopback for a step of " + scope, e);
        }
        server.createContext("/", new ForwardingHandler(keys, scope, token, meter));
        server.setExecutor(executor);
        server.start();
        Path socket = socketDirectory.resolve(steps.incrementAndGet() + ".sock");
        UnixSocketRelay relay;
        try {
            relay = new UnixSocketRelay(socket, server.getAddress(), executor);
        } catch (RuntimeException e) {
            server.stop(0);
            throw e;
        }
        return new GatewayStep(token, server, relay, meter);
    }
}
