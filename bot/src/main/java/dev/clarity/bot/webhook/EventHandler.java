package dev.clarity.bot.webhook;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Carries out one kind of delivery. Called on the webhook executor, never on the HTTP thread; a runtime exception
 * marks the delivery failed in {@code webhook_deliveries} and is logged once by the caller, except {@link Deferred};
 * {@link Unusable} marks it failed with its sentence, as a warning.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(Delivery delivery);

    /**
     * Whether this delivery has work for the handler at all, decided on the HTTP thread from the fields a
     * {@link Delivery} reads in its single pass (never from its payload tree). A delivery without work is recorded as
     * ignored and answered at once, with no hand-off. The default: every delivery has work.
     */
    default boolean wants(Delivery delivery) {
        return true;
    }

    /**
     * The handler of one kind of event: {@code reader} (one of {@link WebhookEvents}'s) reads the delivery into its
     * record on the handler's thread, once, and {@code handler} takes the record. A payload the reader cannot use is
     * {@link Unusable} before the handler is called.
     */
    static <E extends WebhookEvent> EventHandler reading(Function<Delivery, E> reader, Consumer<? super E> handler) {
        return delivery -> handler.accept(reader.apply(delivery));
    }

    /** This handler, taking only the deliveries {@code wanted} says have work for it (see {@link #wants}). */
    default EventHandler when(Predicate<Delivery> wanted) {
        EventHandler self = this;
        return new EventHandler() {
            @Override
            public void handle(Delivery delivery) {
                self.handle(delivery);
            }

            @Override
            public boolean wants(Delivery delivery) {
                return wanted.test(delivery);
            }
        };
    }

    /**
     * Thrown by a handler that cannot do its work now but will be able to later (Clarity is shutting down): the
     * delivery is neither processed nor failed, it keeps its payload and is handled again by the next process.
     */
    final class Deferred extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Deferred(String message) {
            super(message);
        }
    }

    /**
     * Thrown by a handler for a delivery whose payload lacks what the handler needs, or holds it in the wrong shape
     * (GitHub sends no such payload; a damaged or forged one): the delivery is marked failed with this sentence,
     * which names the field, and logged as a warning rather than as an error of Clarity's.
     */
    final class Unusable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unusable(String message) {
            super(message);
        }
    }
}
