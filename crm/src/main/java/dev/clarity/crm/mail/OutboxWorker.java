package dev.clarity.crm.mail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds: claims due rows (the claim commits first), hands each to the {@link Mailer}, then
 * records the outcome. A crash between the server's acceptance and the record leaves the row {@code sending} until
 * its lease runs out, when it is sent again with the same Message-ID: delivery is at least once, never twice in a
 * row that was recorded (ADR 0033). Any number of workers may run against one database.
 */
public final class OutboxWorker {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final JooqMailOutbox outbox;
    private final Mailer mailer;
    private final int batch;

    public OutboxWorker(JooqMailOutbox outbox, Mailer mailer, int batch) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.batch = batch;
    }

    /** Sends every mail that is due now, batch by batch; returns how many were accepted by the server. */
    public int drain() {
        int accepted = 0;
        while (true) {
            List<ClaimedMail> claimed = outbox.claim(batch);
            if (claimed.isEmpty()) {
                return accepted;
            }
            for (ClaimedMail c : claimed) {
                switch (mailer.send(c.mail())) {
                    case Delivery.Accepted a -> {
                        outbox.delivered(c);
                        accepted++;
                    }
                    case Delivery.Refused r -> {
                        boolean again = outbox.refused(c, r);
                        log.warn(
                                "Mail {} (attempt {}) was not sent{}: {}",
                                c.mail().idempotencyKey(),
                                c.attempt(),
                                again ? ", trying again later" : ", giving up",
                                r.reason());
                    }
                }
            }
        }
    }

    /**
     * Drains every {@code interval} on {@code timer} until the returned handle is closed. A pass that throws (the
     * database is away) is logged and the next pass tries again.
     */
    public AutoCloseable every(ScheduledExecutorService timer, Duration interval) {
        ScheduledFuture<?> task = timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        drain();
                    } catch (RuntimeException e) {
                        log.warn("Sending queued mail: {}", e.getMessage(), e);
                    }
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return () -> task.cancel(false);
    }
}
