package dev.clarity.runner.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The gateway server's one handler: hands each request to the {@link ForwardingHandler} of the step whose connector
 * (its loopback port or its unix socket) accepted the connection, so a step's token and budget are reachable only
 * through that step's own endpoints. A connector no longer routed (its step closing) gets Jetty's plain 404. Blocking:
 * Jetty calls it on a thread that may block for the whole answer. Thread-safe.
 */
final class StepRouter extends Handler.Abstract {
    private final Map<Connector, ForwardingHandler> steps = new ConcurrentHashMap<>();

    StepRouter() {
        super(InvocationType.BLOCKING);
    }

    void route(Connector connector, ForwardingHandler step) {
        steps.put(connector, step);
    }

    void forget(Connector connector) {
        steps.remove(connector);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        ForwardingHandler step = steps.get(request.getConnectionMetaData().getConnector());
        if (step == null) {
            return false;
        }
        step.serve(request, response);
        callback.succeeded(); // ends the answer if the step left it open: the last chunk, or an empty body
        return true;
    }
}
