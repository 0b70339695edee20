package dev.clarity.runner.gateway;

import dev.clarity.runner.api.ModelUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;

/**
 * One step's endpoint of the {@link ModelGateway}: its unix socket (bound into the sandbox), its port on the host's
 * loopback (for a sandbox without a network namespace), its token, and the usage counted so far. Closing it ends
 * the endpoint: connections drop, the token is worthless, the socket file is removed. Thread-safe.
 */
public final class GatewayStep implements AutoCloseable {
    private final String token;
    private final ServerConnector port;
    private final UnixDomainServerConnector socket;
    private final StepMeter meter;
    private final Consumer<List<AbstractConnector>> end;
    private final List<AbstractConnector> connectors = new ArrayList<>();
    private ListenerHandoff handoff;
    private boolean closed;

    /** {@code end} stops connectors and takes them out of the gateway's server. */
    GatewayStep(
            String token,
            ServerConnector port,
            UnixDomainServerConnector socket,
            StepMeter meter,
            Consumer<List<AbstractConnector>> end) {
        this.token = token;
        this.port = port;
        this.socket = socket;
        this.meter = meter;
        this.end = end;
        connectors.add(port);
        connectors.add(socket);
    }

    /** Where the handoff socket of the step whose gateway socket is {@code socket} lives: beside it. */
    public static Path handoffFor(Path socket) {
        return socket.resolveSibling(socket.getFileName() + ".listen");
    }

    /**
     * The step's handoff socket, when its gateway takes listening sockets from sandboxes
     * ({@link ModelGateway#ModelGateway(ProviderKeys, Path, java.util.function.Supplier, boolean)}) and the step is
     * open. The file is gone once a socket was handed over.
     */
    public synchronized Optional<Path> handoff() {
        return handoff == null || closed ? Optional.empty() : Optional.of(handoff.path());
    }

    synchronized void handoff(ListenerHandoff waiting) {
        if (closed) {
            waiting.close();
        } else {
            handoff = waiting;
        }
    }

    /**
     * Adds a connector that {@link #close()} ends and starts it with {@code start}, both under the step's lock, so a
     * step closing meanwhile either ends it or never sees it started; false (and not added) when the step has ended.
     */
    synchronized boolean add(AbstractConnector connector, Runnable start) {
        if (closed) {
            return false;
        }
        connectors.add(connector);
        start.run();
        return true;
    }

    /** The step's token: the API key its tool sends. Valid only at this step's endpoint, until it closes. */
    public String token() {
        return token;
    }

    /**
     * The unix socket the sandbox binds in and forwards its loopback port to; it stops serving (and its file goes)
     * once the sandbox handed over its listening socket instead.
     */
    public Path socket() {
        return socket.getUnixDomainPath();
    }

    /** The endpoint's port on the host's loopback. */
    public int hostPort() {
        return port.getLocalPort();
    }

    /**
     * What the tool's environment gets when the gateway answers at {@code http://127.0.0.1:port} as the tool sees
     * it: base URLs for every provider and the step token as every key. Never a provider key.
     */
    public Map<String, String> environment(int port) {
        String base = "http://127.0.0.1:" + port;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ANTHROPIC_BASE_URL", base + Provider.ANTHROPIC.prefix());
        env.put("ANTHROPIC_API_KEY", token);
        env.put("OPENAI_BASE_URL", base + Provider.OPENAI.prefix());
        env.put("OPENAI_API_BASE", base + Provider.OPENAI.prefix());
        env.put("OPENAI_API_KEY", token);
        env.put("OLLAMA_HOST", base);
        return env;
    }

    /** Every model request's usage so far, in the order the answers ended. */
    public List<ModelUsage> usage() {
        return meter.usage();
    }

    /** True when the step crossed its token limit (see {@link StepMeter#crossed()}). */
    public boolean budgetCrossed() {
        return meter.crossed();
    }

    /** A sentence naming the budget and what was used. */
    public String budgetReason() {
        return meter.describe();
    }

    /**
     * Runs {@code action} the moment the step crosses its token limit (at once if it already has), once, on the
     * gateway thread that served the request which crossed it: the runner stops the tool with it, since a tool that
     * is refused further requests may go on working, or retrying, until its timeout. It must not block for long.
     */
    public void whenBudgetCrossed(Runnable action) {
        meter.whenCrossed(action);
    }

    public long maxTokens() {
        return meter.maxTokens();
    }

    /**
     * Ends the endpoint: open connections drop (a request under way fails at its caller), the token is worthless.
     * Idempotent, so a step can be stopped early (timeout, cancel) and closed again when it ends.
     */
    @Override
    public void close() {
        List<AbstractConnector> ending;
        ListenerHandoff waiting;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ending = List.copyOf(connectors);
            waiting = handoff;
        }
        if (waiting != null) {
            waiting.close();
        }
        end.accept(ending);
    }
}
