package dev.clarity.runner.sandbox;

import dev.clarity.runner.gateway.GatewayStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forwarder that makes a step's model gateway reachable inside a sandbox without a network (ADR 0024): the
 * step's command runs under {@code /bin/sh}, which first starts {@code socat} listening on the sandbox's own
 * {@code 127.0.0.1:}{@link #PORT} and forwarding each connection to the gateway's unix socket, bound into the
 * sandbox at {@link #SOCKET} (a connection whose client half-closes is kept open for the answer, up to an hour,
 * not socat's default half a second); it waits (at most 10 s) until the port listens, creates {@code $HOME}, then
 * {@code exec}s the command. The bubblewrap sandbox runs the host's {@code /usr/bin/socat}; a container runs the
 * same binary with the libraries it links, bound read-only under {@link #CONTAINER_DIRECTORY} and started through
 * their dynamic loader, so any image with {@code /bin/sh}, {@code grep} and {@code sleep} works.
 *
 * <p>When the step's gateway offers a handoff socket and {@link ListenHelper} is built, the prelude first runs the
 * helper instead, which hands the sandbox's listening socket to the gateway: the gateway then accepts the tool's
 * connections itself and socat is not started ({@link #direct}); socat remains the fallback when the handoff fails.
 */
public final class GatewayForwarder {
    /** The port the gateway answers on inside a sandbox. */
    public static final int PORT = 4180;
    /** Where the step's gateway socket appears inside the sandbox. */
    public static final String SOCKET = "/run/clarity/gateway.sock";
    /** Where the step's handoff socket appears inside the sandbox, when the direct path is open to it. */
    public static final String HANDOFF = "/run/clarity/gateway.listen";
    /** Where the bubblewrap sandbox sees {@link ListenHelper}'s program. */
    static final String LISTEN = "/run/clarity/clarity-listen";
    /** Where a container sees the forwarder and its libraries. */
    public static final String CONTAINER_DIRECTORY = "/.clarity-forwarder";

    static final Path SOCAT = Path.of("/usr/bin/socat");
    private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)");
    private static volatile Optional<Map<Path, String>> containerFiles;

    private GatewayForwarder() {}

    /** Why no step can reach its gateway here, or empty when the forwarder is installed. */
    static Optional<String> missing() {
        return Files.isExecutable(SOCAT)
                ? Optional.empty()
                : Optional.of("the model gateway's forwarder " + SOCAT + " is not installed on the runner's host:"
                        + " install the Debian package socat");
    }

    /**
     * The host files that open the direct path for {@code gatewaySocket}'s step — its handoff socket and
     * {@link ListenHelper}'s program — or empty when it is closed (the gateway takes no handoffs, the step already
     * handed one over, or this host cannot build the helper): the step then keeps its forwarder.
     */
    static Optional<Direct> direct(Path gatewaySocket) {
        Path handoff = GatewayStep.handoffFor(gatewaySocket);
        if (!Files.exists(handoff)) {
            return Optional.empty();
        }
        return ListenHelper.binary().map(helper -> new Direct(handoff, helper));
    }

    /** The step's handoff socket and the helper program on the host. */
    record Direct(Path handoff, Path helper) {}

    /** {@code argv} wrapped so that the forwarder runs first; {@code socat} is how the sandbox starts socat. */
    static List<String> wrap(List<String> argv, String socat) {
        return wrap(argv, socat, Optional.empty());
    }

    /**
     * {@code argv} wrapped so that the gateway is reachable first: through {@code listen} (the helper's path in the
     * sandbox, when the direct path is open), which hands the sandbox's listening socket to the gateway; when that
     * fails or is closed, through socat.
     */
    static List<String> wrap(List<String> argv, String socat, Optional<String> listen) {
        String listening = String.format("0100007F:%04X 00000000:0000 0A", PORT);
        String forwarder =
                socat + " -t 3600 TCP-LISTEN:" + PORT + ",bind=127.0.0.1,reuseaddr,fork,nodelay UNIX-CONNECT:"
                        + SOCKET
                        + " </dev/null >/dev/null 2>&1 &\n"
                        + "i=0\n"
                        + "while ! grep -q '" + listening + "' /proc/net/tcp 2>/dev/null; do\n"
                        + "  i=$((i+1))\n"
                        + "  if [ \"$i\" -gt 1000 ]; then echo 'clarity: the model gateway forwarder did not start in the"
                        + " sandbox' >&2; exit 125; fi\n"
                        + "  sleep 0.01\n"
                        + "done\n";
        // the step's fresh HOME, and its TMPDIR when the tool's environment names one (codex's, inside HOME)
        String script = "mkdir -p \"$HOME\" ${TMPDIR:+\"$TMPDIR\"} 2>/dev/null\n"
                + listen.map(helper -> "if ! " + helper + " " + HANDOFF + " " + PORT + "; then\n" + forwarder + "fi\n")
                        .orElse(forwarder)
                + "exec \"$@\"\n";
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", script, "clarity-step"));
        wrapped.addAll(argv);
        return wrapped;
    }

    /** How a container starts socat from {@link #CONTAINER_DIRECTORY}. */
    static String containerSocat() {
        return CONTAINER_DIRECTORY + "/ld-linux.so --library-path " + CONTAINER_DIRECTORY + " " + CONTAINER_DIRECTORY
                + "/socat";
    }

    /**
     * The host files a container binds read-only into {@link #CONTAINER_DIRECTORY}, by the name they get there:
     * socat, the libraries {@code ldd} lists for it, and their loader as {@code ld-linux.so}. Empty when socat or
     * ldd is missing. Read once.
     */
    static Optional<Map<Path, String>> containerFiles() {
        Optional<Map<Path, String>> files = containerFiles;
        if (files == null) {
            files = readContainerFiles();
            containerFiles = files;
        }
        return files;
    }

    private static Optional<Map<Path, String>> readContainerFiles() {
        if (missing().isPresent()) {
            return Optional.empty();
        }
        String listing;
        try {
            Process ldd = new ProcessBuilder("ldd", SOCAT.toString())
                    .redirectErrorStream(true)
                    .start();
            listing = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ldd.waitFor(10, TimeUnit.SECONDS) || ldd.exitValue() != 0) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(SOCAT, "socat");
        for (String line : listing.split("\n")) {
            Matcher m = LIBRARY.matcher(line.strip());
            if (!m.find()) {
                continue;
            }
            Path library = Path.of(m.group(1));
            boolean loader = line.strip().startsWith("/") && !line.contains("=>");
            files.put(library, loader ? "ld-linux.so" : library.getFileName().toString());
        }
        return files.containsValue("ld-linux.so") ? Optional.of(Map.copyOf(files)) : Optional.empty();
    }
}
