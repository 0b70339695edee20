package dev.clarity.bot.server;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ConditionalHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Fails the reading of a request body that is still arriving {@code deadline} after the request began: the next
 * read (or the next wait for bytes) gets a {@link TimeoutException} instead of content, which the application sees
 * as an {@link java.io.IOException} from its input stream. A body that stops arriving altogether is cut off by the
 * connector's idle timeout instead. Checked on each read rather than by a timer, so nothing races with the bytes
 * that arrive.
 *
 * <p>Behind those two, a hard limit: a request with a body whose handling has not completed {@code hardLimit} after it
 * began is failed, which ends its connection. With 300 stalled bodies, about one run in ten left one request handled
 * but never completed (no thread on it, nothing queued, the idle timeout ignored because nothing was being read or
 * written), so its connection stayed open for ever; the limit makes "cut off at most this long after it began" true
 * whatever the handlers behind do.
 */
final class BodyDeadline extends ConditionalHandler.ElseNext {
    private final long deadlineNanos;
    private final Duration hardLimit;

    BodyDeadline(Duration deadline, Duration hardLimit) {
        this.deadlineNanos = deadline.toNanos();
        this.hardLimit = hardLimit;
    }

    @Override
    protected boolean onConditionsMet(Request request, Response response, Callback callback) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Callback once = Callback.from(
                () -> {
                    if (done.compareAndSet(false, true)) {
                        callback.succeeded();
                    }
                },
                failure -> {
                    if (done.compareAndSet(false, true)) {
                        callback.failed(failure);
                    }
                });
        long left = hardLimit.toNanos() - NanoTime.since(request.getBeginNanoTime());
        var limit = request.getComponents()
                .getScheduler()
                .schedule(
                        () -> once.failed(new TimeoutException(
                                "the request was not done within " + hardLimit.toSeconds() + " s of its start")),
                        Math.max(0, left),
                        java.util.concurrent.TimeUnit.NANOSECONDS);
        Callback cancelling = Callback.from(
                () -> {
                    limit.cancel();
                    once.succeeded();
                },
                failure -> {
                    limit.cancel();
                    once.failed(failure);
                });
        boolean handled;
        try {
            handled = nextHandler(new DeadlineRequest(request), response, cancelling);
        } catch (Throwable t) {
            limit.cancel();
            throw t;
        }
        if (!handled) {
            limit.cancel();
        }
        return handled;
    }

    private final class DeadlineRequest extends Request.Wrapper {
        private final long begin;
        private volatile Content.Chunk failure;
        private volatile boolean complete;

        DeadlineRequest(Request request) {
            super(request);
            this.begin = request.getBeginNanoTime();
        }

        @Override
        public Content.Chunk read() {
            if (!complete && failure == null && late()) {
                failure = Content.Chunk.from(new TimeoutException("the request body did not arrive within "
                        + Duration.ofNanos(deadlineNanos).toSeconds() + " s"));
            }
            if (failure != null) {
                return failure;
            }
            Content.Chunk chunk = super.read();
            if (chunk != null && chunk.isLast()) {
                complete = true;
            }
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            if (!complete && late()) {
                demandCallback.run(); // the read that follows fails
                return;
            }
            super.demand(demandCallback);
        }

        private boolean late() {
            return NanoTime.since(begin) > deadlineNanos;
        }
    }
}
