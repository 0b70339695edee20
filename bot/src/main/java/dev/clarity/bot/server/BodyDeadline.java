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
 */
final class BodyDeadline extends ConditionalHandler.ElseNext {
    private final long deadlineNanos;

    BodyDeadline(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
    }

    @Override
    protected boolean onConditionsMet(Request request, Response response, Callback callback) throws Exception {
        return nextHandler(new DeadlineRequest(request), response, callback);
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
