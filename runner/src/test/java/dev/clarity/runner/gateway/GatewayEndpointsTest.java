package dev.clarity.runner.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.testkit.providers.ScriptedModelServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step's two endpoints as the gateway's own server answers them: the unix socket is served directly (no relay to
 * the loopback port), each endpoint knows only its own step's token, and closing a step ends both at once.
 */
class GatewayEndpointsTest {
    private static final String BODY = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":%s,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger tokens = new AtomicInteger();
    private ScriptedModelServer models;
    private ModelGateway gateway;

    @BeforeEach
    void start() {
        models = ScriptedModelServer.start();
        gateway = new ModelGateway(
                new EnvironmentProviderKeys(Map.of(
                        "ANTHROPIC_API_KEY",
                        "sk-ant-endpoints",
                        "ANTHROPIC_BASE_URL",
                        models.baseUrl().toString())),
                dir.resolve("gw"),
                () -> "endpoints-token-" + tokens.incrementAndGet());
    }

    @AfterEach
    void stop() {
        models.release();
        gateway.close();
        models.close();
        executor.shutdownNow();
    }

    @Test
    void the_unix_socket_is_answered_by_the_gateway_itself_without_a_connection_to_its_port() throws Exception {
        models.holdStreams();
        try (GatewayStep step = gateway.open("ws-endpoints", 0);
                SocketChannel channel = connect(unix(step))) {
            send(channel, "/anthropic/v1/messages", step.token(), true);
            String head = readUntil(channel, "event: message_start");

            assertThat(head).startsWith("HTTP/1.1 200");
            // mid-answer, nothing is connected to the step's TCP port: no hop from the socket to it
            assertThat(establishedTo(step.hostPort())).isZero();
            assertThat(Files.getPosixFilePermissions(step.socket()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(dir.resolve("gw")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            models.release();
            assertThat(readToEnd(channel)).contains("event: message_stop");
        }
    }

    @Test
    void after_close_the_socket_file_is_gone_and_neither_endpoint_accepts_a_connection() throws Exception {
        GatewayStep step = gateway.open("ws-endpoints", 0);
        SocketAddress socket = unix(step);
        SocketAddress port = tcp(step);
        try (SocketChannel channel = connect(socket)) {
            send(channel, "/anthropic/v1/messages", step.token(), false);
            assertThat(readToEnd(channel)).startsWith("HTTP/1.1 200");
        }

        step.close();

        assertThat(step.socket()).doesNotExist();
        assertThatThrownBy(() -> connect(socket).close()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> connect(port).close()).isInstanceOf(IOException.class);
    }

    @Test
    void closing_a_step_drops_a_connection_in_the_middle_of_an_answer_at_once() throws Exception {
        models.holdStreams();
        GatewayStep step = gateway.open("ws-endpoints", 0);
        try (SocketChannel channel = connect(unix(step))) {
            send(channel, "/anthropic/v1/messages", step.token(), true);
            readUntil(channel, "event: message_start");
            CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> readToEnd(channel), executor);

            step.close();

            // the upstream still holds its answer: the tool's connection ends because the step did
            assertThat(rest.get(10, TimeUnit.SECONDS)).doesNotContain("event: message_stop");
        }
    }

    @Test
    void a_steps_token_works_on_its_own_socket_and_port_and_on_no_other_steps() throws Exception {
        try (GatewayStep one = gateway.open("ws-one", 0);
                GatewayStep two = gateway.open("ws-two", 0)) {
            Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
            for (GatewayStep endpoint : List.of(one, two)) {
                for (GatewayStep holder : List.of(one, two)) {
                    String who = holder == one ? "one" : "two";
                    String where = endpoint == one ? "one" : "two";
                    statuses.put(who + "'s token on " + where + "'s socket", status(unix(endpoint), holder));
                    statuses.put(who + "'s token on " + where + "'s port", status(tcp(endpoint), holder));
                }
            }

            assertThat(statuses)
                    .containsEntry("one's token on one's socket", 200)
                    .containsEntry("one's token on one's port", 200)
                    .containsEntry("two's token on two's socket", 200)
                    .containsEntry("two's token on two's port", 200)
                    .containsEntry("one's token on two's socket", 401)
                    .containsEntry("one's token on two's port", 401)
                    .containsEntry("two's token on one's socket", 401)
                    .containsEntry("two's token on one's port", 401);
            assertThat(one.usage()).hasSize(2);
            assertThat(two.usage()).hasSize(2);
            assertThat(models.requests()).hasSize(4);
        }
    }

    @Test
    void gateways_sharing_a_directory_keep_apart_and_the_next_one_removes_what_a_dead_one_left() throws Exception {
        Path shared = dir.resolve("gw");
        // what a gateway that ended without closing leaves: its directory with a socket file, its lock file free
        Path dead = Files.createDirectory(shared.resolve("0badc0de"));
        Files.createFile(dead.resolve("1.sock"));
        Files.createFile(shared.resolve("0badc0de.lock"));
        try (ModelGateway other = new ModelGateway(
                        new EnvironmentProviderKeys(Map.of(
                                "ANTHROPIC_API_KEY",
                                "sk-ant-other",
                                "ANTHROPIC_BASE_URL",
                                models.baseUrl().toString())),
                        shared,
                        () -> "other-token-" + tokens.incrementAndGet());
                GatewayStep mine = gateway.open("ws-mine", 0);
                GatewayStep theirs = other.open("ws-theirs", 0)) {
            assertThat(dead).doesNotExist();
            assertThat(shared.resolve("0badc0de.lock")).doesNotExist();
            assertThat(mine.socket().getParent()).isNotEqualTo(theirs.socket().getParent());
            assertThat(mine.socket().getParent().getParent()).isEqualTo(shared);

            mine.close();

            assertThat(theirs.socket()).exists();
            assertThat(status(unix(theirs), theirs)).isEqualTo(200);
            other.close();
            assertThat(theirs.socket().getParent()).doesNotExist();
        }
    }

    private static int status(SocketAddress address, GatewayStep holder) throws IOException {
        try (SocketChannel channel = connect(address)) {
            send(channel, "/anthropic/v1/messages", holder.token(), false);
            String answer = readToEnd(channel);
            return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
    }

    private static SocketAddress unix(GatewayStep step) {
        return UnixDomainSocketAddress.of(step.socket());
    }

    private static SocketAddress tcp(GatewayStep step) {
        return new InetSocketAddress("127.0.0.1", step.hostPort());
    }

    private static SocketChannel connect(SocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open(
                address instanceof UnixDomainSocketAddress ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
        try {
            channel.connect(address);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static void send(SocketChannel channel, String path, String token, boolean stream) throws IOException {
        byte[] body = BODY.formatted(stream).getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: gateway\r\nx-api-key: " + token
                + "\r\nanthropic-version: 2023-06-01\r\nContent-Type: application/json\r\nConnection: close"
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        ByteBuffer out = ByteBuffer.allocate(head.length() + body.length);
        out.put(head.getBytes(StandardCharsets.US_ASCII)).put(body).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    /** Reads until {@code marker} has arrived (the answer so far), failing if the connection ends first. */
    private static String readUntil(SocketChannel channel, String marker) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (!seen.toString(StandardCharsets.UTF_8).contains(marker)) {
            if (channel.read(buffer) < 0) {
                throw new IOException("the answer ended before " + marker + ": " + seen);
            }
            seen.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    /** Reads until the gateway ends the connection; a reset counts as the end. */
    private static String readToEnd(SocketChannel channel) {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try {
            while (channel.read(buffer) >= 0) {
                seen.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        } catch (IOException e) {
            // reset by the gateway: what came before is the answer
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    /** Established TCP connections whose local or remote port is {@code port}, from the kernel's tables. */
    private static long establishedTo(int port) throws IOException {
        String hex = String.format(Locale.ROOT, ":%04X", port);
        List<String> rows = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (Files.exists(path)) {
                rows.addAll(Files.readAllLines(path));
            }
        }
        return rows.stream()
                .map(String::trim)
                .map(row -> row.split("\\s+"))
                .filter(f -> f.length > 3 && f[3].equals("01"))
                .filter(f -> f[1].endsWith(hex) || f[2].endsWith(hex))
                .count();
    }
}
