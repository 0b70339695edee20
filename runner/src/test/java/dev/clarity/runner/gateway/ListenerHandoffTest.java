package dev.clarity.runner.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.clarity.runner.sandbox.ListenHelper;
import dev.clarity.testkit.providers.ScriptedModelServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's handoff socket as a hostile sandbox may use it: only a listening IPv4 stream socket is taken (and
 * then served with the step's token only), anything else is answered {@code -} and served nowhere, and a step takes
 * one handoff at most. The sandbox's side is played by {@code clarity-listen} itself where it is the subject, and by
 * direct socket calls where the sandbox misbehaves.
 */
class ListenerHandoffTest {
    /** The calls a sandbox makes, for the misbehaving ones. */
    interface Sender extends Library {
        Sender C = Native.load("c", Sender.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int socketpair(int domain, int type, int protocol, int[] fds) throws LastErrorException;

        int bind(int fd, Pointer address, int length) throws LastErrorException;

        int listen(int fd, int backlog) throws LastErrorException;

        int connect(int fd, Pointer address, int length) throws LastErrorException;

        long sendmsg(int fd, Pointer message, int flags) throws LastErrorException;

        long read(int fd, Pointer buffer, long count) throws LastErrorException;

        int close(int fd);
    }

    @TempDir
    Path dir;

    private final AtomicInteger tokens = new AtomicInteger();
    private ScriptedModelServer models;
    private ModelGateway gateway;

    @BeforeEach
    void start() {
        assumeTrue(ModelGateway.handoffsSupported(), "receiving a socket needs Linux and its C library");
        models = ScriptedModelServer.start();
        gateway = new ModelGateway(
                new EnvironmentProviderKeys(Map.of(
                        "ANTHROPIC_API_KEY",
                        "sk-ant-handoff",
                        "ANTHROPIC_BASE_URL",
                        models.baseUrl().toString())),
                dir.resolve("gw"),
                () -> "handoff-token-" + tokens.incrementAndGet(),
                true);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
            models.close();
        }
    }

    @Test
    void the_helpers_listening_socket_is_served_by_the_gateway_with_the_steps_token_only() throws Exception {
        Path helper = ListenHelper.binary().orElse(null);
        assumeTrue(helper != null, "the helper needs a C compiler");
        try (GatewayStep step = gateway.open("ws-handoff", 0)) {
            Path handoff = step.handoff().orElseThrow();
            assertThat(Files.getPosixFilePermissions(handoff)).hasToString("[OWNER_READ, OWNER_WRITE]");
            int port = freePort();

            Process listen = new ProcessBuilder(helper.toString(), handoff.toString(), Integer.toString(port))
                    .redirectErrorStream(true)
                    .start();
            assertThat(listen.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(listen.exitValue())
                    .as(new String(listen.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();

            // the helper has ended: whatever answers on its port now is the gateway itself
            assertThat(post(port, step.token())).isEqualTo(200);
            assertThat(post(port, "someone-elses-token")).isEqualTo(401);
            assertThat(step.usage()).hasSize(1);
            assertThat(handoff).as("one handoff per step").doesNotExist();
            assertThat(step.socket())
                    .as("no forwarder needs the unix socket any more")
                    .doesNotExist();
            step.close();
            assertThatThrownBy(() -> post(port, step.token())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void a_descriptor_that_is_not_a_listening_ipv4_socket_is_refused_and_served_nowhere() throws Exception {
        int[] pair = new int[2];
        Sender.C.socketpair(1, 1, 0, pair); // AF_UNIX, SOCK_STREAM: connected, not listening
        int unixListener = Sender.C.socket(1, 1, 0);
        Sender.C.bind(unixListener, unixAddress(dir.resolve("l.sock")), 110);
        Sender.C.listen(unixListener, 1);
        int unbound = Sender.C.socket(2, 1, 0); // AF_INET, not listening
        try {
            for (int[] descriptors : new int[][] {{pair[0]}, {unixListener}, {unbound}, {}, {unbound, unixListener}}) {
                try (GatewayStep step = gateway.open("ws-hostile", 0)) {
                    assertThat(handOver(step.handoff().orElseThrow(), descriptors))
                            .as("answer to %d descriptors", descriptors.length)
                            .isEqualTo('-');
                    assertThat(step.handoff().orElseThrow()).doesNotExist();
                }
            }
        } finally {
            Sender.C.close(pair[0]);
            Sender.C.close(pair[1]);
            Sender.C.close(unixListener);
            Sender.C.close(unbound);
        }
    }

    @Test
    void closing_the_step_ends_the_wait_and_removes_the_handoff_socket() throws Exception {
        GatewayStep step = gateway.open("ws-closing", 0);
        Path handoff = step.handoff().orElseThrow();
        Thread waiting = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("gateway-handoff-" + handoff.getFileName()))
                .findFirst()
                .orElseThrow();

        step.close();

        waiting.join(10_000);
        assertThat(waiting.isAlive()).isFalse();
        assertThat(handoff).doesNotExist();
        assertThat(step.handoff()).isEmpty();
    }

    /** Connects to {@code handoff}, sends one byte with {@code descriptors} and returns the gateway's answer. */
    private static char handOver(Path handoff, int[] descriptors) {
        int fd = Sender.C.socket(1, 1, 0);
        try {
            Sender.C.connect(fd, unixAddress(handoff), 110);
            Memory data = new Memory(1);
            data.setByte(0, (byte) 'L');
            Memory iov = new Memory(16);
            iov.setPointer(0, data);
            iov.setLong(8, 1);
            Memory message = new Memory(56);
            message.clear();
            message.setPointer(16, iov);
            message.setLong(24, 1);
            if (descriptors.length > 0) {
                int length = 16 + 4 * descriptors.length;
                Memory control = new Memory((length + 7) & ~7);
                control.clear();
                control.setLong(0, length);
                control.setInt(8, 1); // SOL_SOCKET
                control.setInt(12, 1); // SCM_RIGHTS
                for (int i = 0; i < descriptors.length; i++) {
                    control.setInt(16 + 4L * i, descriptors[i]);
                }
                message.setPointer(32, control);
                message.setLong(40, control.size());
            }
            Sender.C.sendmsg(fd, message, 0);
            Memory answer = new Memory(1);
            long n = Sender.C.read(fd, answer, 1);
            return n == 1 ? (char) answer.getByte(0) : '?';
        } finally {
            Sender.C.close(fd);
        }
    }

    private static Memory unixAddress(Path path) {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        Memory address = new Memory(110);
        address.clear();
        address.setShort(0, (short) 1);
        address.write(2, name, 0, name.length);
        return address;
    }

    private static int post(int port, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/anthropic/v1/messages"))
                .header("x-api-key", token)
                .header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8,\"messages\":[]}"))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
