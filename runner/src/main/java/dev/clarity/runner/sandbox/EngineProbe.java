package dev.clarity.runner.sandbox;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Finds a Docker-API engine that answers {@code GET /_ping}: {@code DOCKER_HOST} when set, else the usual sockets.
 * Used to pick the sandbox and by {@code clarity doctor}. Blocking, with short timeouts; thread-safe.
 */
public final class EngineProbe {
    /** Sockets tried, in order, when {@code DOCKER_HOST} is unset. */
    public static final List<String> DEFAULT_SOCKETS =
            List.of("/var/run/docker.sock", "/run/podman/podman.sock", "/run/clarity-podman.sock");

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private EngineProbe() {}

    /** The first address that answers, as a {@code DOCKER_HOST} value. */
    public static Optional<String> find(Optional<String> dockerHost) {
        if (dockerHost.isPresent()) {
            return answers(dockerHost.get()) ? dockerHost : Optional.empty();
        }
        return DEFAULT_SOCKETS.stream()
                .filter(s -> Files.exists(Path.of(s)))
                .map(s -> "unix://" + s)
                .filter(EngineProbe::answers)
                .findFirst();
    }

    /** True when the engine at {@code host} ({@code unix://…} or {@code tcp://…}) answers its ping with 200. */
    public static boolean answers(String host) {
        try {
            if (host.startsWith("unix://")) {
                return pingUnix(Path.of(host.substring("unix://".length())));
            }
            String http = host.replaceFirst("^tcp://", "http://");
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpResponse<Void> r = client.send(
                    HttpRequest.newBuilder(URI.create(http + "/_ping"))
                            .timeout(TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean pingUnix(Path socket) throws IOException {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(
                    ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: engine\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(64);
            // a Unix-domain channel has no socket timeout: wait for the answer through a selector instead
            ch.configureBlocking(false);
            try (Selector selector = Selector.open()) {
                ch.register(selector, SelectionKey.OP_READ);
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (buf.position() < 12 && System.nanoTime() < deadline) {
                    if (selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)) > 0) {
                        selector.selectedKeys().clear();
                        if (ch.read(buf) < 0) {
                            break;
                        }
                    }
                }
            }
            String head = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
            return head.startsWith("HTTP/1.") && head.contains(" 200");
        }
    }
}
