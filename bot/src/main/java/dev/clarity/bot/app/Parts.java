package dev.clarity.bot.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the composition root started, in order: {@link #close()} stops them in reverse, so a part stops before the
 * parts it was built on (the webhooks before the orchestrator, the orchestrator before the outbox it queues its last
 * progress update on). A part that reports a problem while stopping does not keep the others running. Used by one
 * thread, the one that starts and stops the server.
 */
final class Parts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Parts.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Records {@code part} as started, to be stopped before everything started earlier; returns it. */
    <T extends AutoCloseable> T add(T part) {
        started.push(part);
        return part;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                log.warn("Stopping a part reported: {}", e.getMessage());
            }
        }
    }
}
