package dev.clarity.bot.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Handles again the deliveries that were answered 202 and never finished: still {@code accepted}, their payload kept,
 * and their claim run out (the process that took them is gone). GitHub does not redeliver a delivery it got a 2xx
 * for, so without this a {@code /clarity run} that arrived just before a crash would be lost.
 *
 * <p>Each pass claims the stale deliveries, oldest first, with {@code FOR UPDATE SKIP LOCKED} (so two processes on
 * one database never take the same one), and hands them to {@link WebhookEndpoint#replay}: the same handlers, on the
 * same executor. A handler may therefore see a delivery twice (this process died after the handler's effect and
 * before its outcome was written); handlers make a repeat harmless, see {@code docs/adr/0009-*}. Thread-safe.
 */
public final class DeliveryReplay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryReplay.class);
    private static final int BATCH = 50;
    private static final String CLAIM_STALE =
            "update webhook_payloads p set claimed_by = ?, claimed_until = ?::timestamptz"
                    + " from webhook_deliveries d where d.delivery_id = p.delivery_id and p.delivery_id in ("
                    + " select s.delivery_id from webhook_payloads s join webhook_deliveries o on o.delivery_id = s.delivery_id"
                    + " where o.outcome = 'accepted' and s.claimed_until <= ?::timestamptz"
                    + " order by o.received_at, s.delivery_id limit ? for update of s skip locked)"
                    + " returning p.delivery_id, d.event, d.received_at, p.payload";

    private final DSLContext db;
    private final WebhookEndpoint endpoint;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final String owner;
    private volatile ScheduledFuture<?> worker;

    /** @param owner names this process in its claims; the same name as its {@link DeliveryLog}'s */
    public DeliveryReplay(
            DSLContext db, WebhookEndpoint endpoint, ObjectMapper json, InstantSource clock, String owner) {
        this.db = db;
        this.endpoint = endpoint;
        this.json = json;
        this.clock = clock;
        this.owner = owner;
    }

    /**
     * Replays what a previous run left at once, then every {@code every} what other processes left.
     *
     * @param onlyProcess this process is the only one on the database (the embedded one): every claim but its own
     *     belongs to a process that is gone, and is taken at once rather than when it runs out
     */
    public void start(ScheduledExecutorService timer, Duration every, boolean onlyProcess) {
        if (onlyProcess) {
            releaseOthers();
        }
        worker = timer.scheduleWithFixedDelay(this::replayQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the claims of every other process: for a process that knows it is the only one. */
    public int releaseOthers() {
        OffsetDateTime now = at(clock.instant());
        return db.execute(
                "update webhook_payloads set claimed_until = ?::timestamptz where claimed_by <> ? and claimed_until > ?::timestamptz",
                now,
                owner,
                now);
    }

    /**
     * One pass: claims every stale accepted delivery, oldest first, and hands each to its handler.
     *
     * @return how many deliveries were handed off
     */
    public int replayStale() {
        int handed = 0;
        while (true) {
            List<Stale> batch = claim();
            if (batch.isEmpty()) {
                return handed;
            }
            for (Stale s : batch) {
                if (!handOff(s)) {
                    return handed;
                }
                handed++;
            }
        }
    }

    @Override
    public void close() {
        ScheduledFuture<?> w = worker;
        if (w != null) {
            w.cancel(false);
        }
    }

    private record Stale(String id, String event, OffsetDateTime received, byte[] payload) {}

    private List<Stale> claim() {
        Instant now = clock.instant();
        return db.resultQuery(CLAIM_STALE, owner, at(now.plus(DeliveryLog.CLAIM)), at(now), BATCH).fetch().stream()
                .map(r -> new Stale(
                        r.get(0, String.class),
                        r.get(1, String.class),
                        r.get(2, OffsetDateTime.class),
                        r.get(3, byte[].class)))
                .sorted(Comparator.comparing(Stale::received).thenComparing(Stale::id))
                .toList();
    }

    private boolean handOff(Stale s) {
        try (var ignored = MDC.putCloseable(WebhookEndpoint.MDC_KEY, s.id())) {
            Delivery delivery;
            try {
                delivery = Delivery.read(s.id(), s.event(), s.payload(), json);
            } catch (IOException e) {
                // it was checked as JSON when it arrived; one that no longer reads is kept for a person to look at
                log.error("The kept payload of a {} delivery does not read; marked failed", s.event(), e);
                db.execute(
                        "update webhook_deliveries set outcome = 'failed', detail = ? where delivery_id = ?",
                        "the kept payload does not read: " + e.getMessage(),
                        s.id());
                return true;
            }
            log.info("Handling {} again: accepted at {} and never finished", delivery.key(), s.received());
            if (!endpoint.replay(delivery)) {
                log.info("Shutting down: {} is left for the next start", delivery.key());
                return false;
            }
            return true;
        }
    }

    private void replayQuietly() {
        try {
            replayStale();
        } catch (RuntimeException e) {
            log.warn("Looking for webhook deliveries to handle again did not succeed: {}", e.getMessage());
        }
        Instant now = clock.instant();
        if (!now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
            lastPrune = now;
            try {
                int removed = prune();
                if (removed > 0) {
                    log.info(
                            "Removed {} delivery records and command effects older than {} days",
                            removed,
                            KEEP.toDays());
                }
            } catch (RuntimeException e) {
                log.warn("Removing old delivery records did not succeed: {}", e.getMessage());
            }
        }
    }

    /**
     * How long a delivery's record (its id, which de-duplicates redeliveries, and a failed one's payload) and a
     * command's effect are kept. GitHub redelivers on request only deliveries of the last three days, so older ones
     * can never come again.
     */
    public static final Duration KEEP = Duration.ofDays(30);

    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final int PRUNE_BATCH = 5_000;
    private volatile Instant lastPrune = Instant.EPOCH;

    /** Removes delivery records and command effects older than {@link #KEEP}, in batches; returns how many. */
    public int prune() {
        OffsetDateTime before = at(clock.instant().minus(KEEP));
        int removed = 0;
        int batch;
        do {
            // payloads go with their delivery (on delete cascade)
            batch = db.execute(
                    "delete from webhook_deliveries where delivery_id in (select delivery_id from webhook_deliveries"
                            + " where received_at < ?::timestamptz limit ?)",
                    before,
                    PRUNE_BATCH);
            removed += batch;
        } while (batch == PRUNE_BATCH);
        removed += db.execute("delete from command_effects where created_at < ?::timestamptz", before);
        return removed;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
