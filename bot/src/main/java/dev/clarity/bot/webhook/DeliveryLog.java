package dev.clarity.bot.webhook;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code webhook_deliveries} table: the first insert of a delivery id wins, so a redelivery (same
 * {@code X-GitHub-Delivery}) is seen as such even when it reaches another replica. Thread-safe.
 *
 * <p>Writes are grouped: a writer thread takes everything callers have queued since its last round and writes it
 * in one statement (a multi-row insert; a multi-row update), so that under load a delivery costs a share of one
 * commit rather than a commit and a pool connection of its own. Callers still wait for their write: an accepted
 * delivery is committed durably before GitHub is answered, exactly as with one insert per request. With a single
 * caller a round holds one write and adds no delay. Inserts and outcome updates have a writer each, so that the
 * bookkeeping of finished deliveries never delays the answer to a new one. A round whose statement fails is written
 * again one member at a time: a delivery the database refuses fails alone ({@link Refused}), its neighbours are
 * stored. (The endpoint checks headers and payload text first, so that should not happen.)
 *
 * <p>An accepted delivery (one handed to a handler) keeps its payload in {@code webhook_payloads}, written by the
 * same statement that records it and claimed by this process ({@code owner}) for {@link #CLAIM}; the payload goes
 * when the delivery is processed, and stays when it failed. A round without accepted deliveries is the plain
 * multi-row insert: ignored deliveries cost nothing more. {@link DeliveryReplay} handles again the accepted
 * deliveries whose claim ran out.
 *
 * <p>Longer than most classes: its statements, the two writers and their rounds' failure handling are one piece.
 */
public final class DeliveryLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryLog.class);
    private static final int DETAIL_LIMIT = 2000;
    private static final int MAX_ROUND = 512;
    private static final String ACCEPTED = "accepted";
    private static final String INSERT = "insert into webhook_deliveries"
            + " (delivery_id, event, action, installation_id, repository, outcome)"
            + " select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[])"
            + " on conflict (delivery_id) do nothing returning delivery_id";
    /** The insert of a round that holds accepted deliveries: their payloads go in with them, in one statement. */
    private static final String INSERT_WITH_PAYLOADS = "with recorded as (insert into webhook_deliveries"
            + " (delivery_id, event, action, installation_id, repository, outcome)"
            + " select * from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[])"
            + " on conflict (delivery_id) do nothing returning delivery_id),"
            + " kept as (insert into webhook_payloads (delivery_id, payload, claimed_by, claimed_until)"
            + " select distinct on (v.id) v.id, v.payload, ?, ?"
            + " from unnest(?::varchar[], ?::bytea[]) as v(id, payload)"
            + " join recorded r on r.delivery_id = v.id where v.payload is not null order by v.id)"
            + " select delivery_id from recorded";
    /** Outcomes of a round; the payloads of processed deliveries go in the same statement. */
    private static final String UPDATE = "with finished as (update webhook_deliveries d"
            + " set outcome = v.outcome, detail = v.detail"
            + " from unnest(?::varchar[], ?::varchar[], ?::varchar[]) as v(id, outcome, detail)"
            + " where d.delivery_id = v.id returning d.delivery_id, d.outcome)"
            + " delete from webhook_payloads p using finished f"
            + " where p.delivery_id = f.delivery_id and f.outcome = 'processed'";

    /**
     * How long the process that recorded (or replays) an accepted delivery holds it before another process may
     * handle it again: far longer than a handler takes, including its wait for a turn among
     * {@link WebhookEndpoint#MAX_HANDLERS}.
     */
    static final Duration CLAIM = Duration.ofMinutes(10);

    private final DSLContext db;
    private final String owner;
    private final InstantSource clock;
    private final LinkedBlockingQueue<Write> inserts = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Write> finishes = new LinkedBlockingQueue<>();
    private final Thread insertWriter;
    private final Thread finishWriter;
    private volatile boolean closed;

    private sealed interface Write {}

    private record Insert(Delivery delivery, String outcome, CompletableFuture<Boolean> done) implements Write {}

    private record Finish(String id, String outcome, String detail, CompletableFuture<Void> done) implements Write {}

    private record Stop() implements Write {}

    /**
     * @param owner names this process in the claims on accepted deliveries
     * @param clock the time claims are measured by
     */
    public DeliveryLog(DSLContext db, String owner, InstantSource clock) {
        this.db = db;
        this.owner = owner;
        this.clock = clock;
        this.insertWriter =
                Thread.ofPlatform().name("webhook-delivery-inserts").daemon().start(() -> writeRounds(inserts));
        this.finishWriter =
                Thread.ofPlatform().name("webhook-delivery-outcomes").daemon().start(() -> writeRounds(finishes));
    }

    /**
     * Records the delivery; false when that id was already recorded (a redelivery). An {@code accepted} delivery's
     * payload is kept with it, claimed by this process, until it is processed.
     */
    public boolean recordFirst(Delivery delivery, String outcome) {
        return await(submit(new Insert(delivery, outcome, new CompletableFuture<>())));
    }

    /**
     * Sets the final outcome ({@code processed} or {@code failed}) and a short detail. Committed without waiting for
     * the disk ({@code synchronous_commit off}): a crash may lose only this bookkeeping, leaving the row
     * {@code accepted}, never the delivery itself, which {@link #recordFirst} commits durably before GitHub is
     * answered.
     */
    public void finish(String deliveryId, String outcome, String detail) {
        await(submit(new Finish(
                deliveryId, outcome, RowFailures.storable(detail, DETAIL_LIMIT), new CompletableFuture<>())));
    }

    /** A delivery that PostgreSQL refused to store (its own content, not the database's state); it alone fails. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Removes a delivery that could not be handed off, so that GitHub's redelivery is processed. */
    public void forget(String deliveryId) {
        db.execute("delete from webhook_deliveries where delivery_id = ?", deliveryId);
    }

    /** Writes what is queued, then stops the writer; later calls fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inserts.add(new Stop());
        finishes.add(new Stop());
        try {
            insertWriter.join(TimeUnit.SECONDS.toMillis(10));
            finishWriter.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> CompletableFuture<T> submit(Write write) {
        if (closed) {
            throw new IllegalStateException("the webhook delivery log is closed");
        }
        return switch (write) {
            case Insert i -> {
                inserts.add(i);
                yield cast(i.done());
            }
            case Finish f -> {
                finishes.add(f);
                yield cast(f.done());
            }
            case Stop s -> throw new IllegalArgumentException("not a write");
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<T> cast(CompletableFuture<?> f) {
        return (CompletableFuture<T>) f;
    }

    private static <T> T await(CompletableFuture<T> done) {
        try {
            return done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private void writeRounds(LinkedBlockingQueue<Write> queue) {
        List<Write> round = new ArrayList<>();
        boolean stopping = false;
        while (!stopping || !queue.isEmpty()) {
            try {
                round.add(stopping ? queue.remove() : queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
                continue;
            }
            queue.drainTo(round, MAX_ROUND - 1);
            List<Insert> newDeliveries = new ArrayList<>();
            List<Finish> outcomes = new ArrayList<>();
            for (Write w : round) {
                switch (w) {
                    case Insert i -> newDeliveries.add(i);
                    case Finish f -> outcomes.add(f);
                    case Stop s -> stopping = true;
                }
            }
            round.clear();
            if (!newDeliveries.isEmpty()) {
                insert(newDeliveries);
            }
            if (!outcomes.isEmpty()) {
                update(outcomes);
            }
        }
    }

    /**
     * Writes a round; when its statement fails because of a row's content, writes its members one by one, so that a
     * delivery PostgreSQL refuses fails alone ({@link Refused}) and never takes the others of its round with it.
     */
    private void insert(List<Insert> inserts) {
        try {
            complete(inserts, db.connectionResult(c -> insert(c, inserts)));
        } catch (RuntimeException e) {
            if (inserts.size() == 1) {
                inserts.getFirst()
                        .done()
                        .completeExceptionally(
                                refusedOrAsIs(inserts.getFirst().delivery().id(), e));
                return;
            }
            if (!RowFailures.causedByARow(e)) {
                // the database itself failed (unreachable, shutting down): one by one would only fail n times slower
                log.error("Recording {} webhook deliveries failed", inserts.size(), e);
                inserts.forEach(i -> i.done().completeExceptionally(e));
                return;
            }
            log.warn(
                    "Recording a round of {} webhook deliveries failed ({}); recording them one by one",
                    inserts.size(),
                    RowFailures.reason(e.getMessage()));
            for (Insert i : inserts) {
                try {
                    complete(List.of(i), db.connectionResult(c -> insert(c, List.of(i))));
                } catch (RuntimeException single) {
                    i.done().completeExceptionally(refusedOrAsIs(i.delivery().id(), single));
                }
            }
        }
    }

    private static void complete(List<Insert> inserts, Set<String> inserted) {
        Set<String> answered = new HashSet<>();
        for (Insert i : inserts) {
            // the same id twice in one round: the first is the delivery, the second a redelivery
            i.done()
                    .complete(inserted.contains(i.delivery().id())
                            && answered.add(i.delivery().id()));
        }
    }

    /** A failure caused by the row itself as {@link Refused}; anything else (the database is down) as it is. */
    private static RuntimeException refusedOrAsIs(String id, RuntimeException e) {
        if (RowFailures.causedByARow(e)) {
            return new Refused("PostgreSQL refused to store the delivery: " + RowFailures.reason(e.getMessage()), e);
        }
        log.error("Recording webhook delivery {} failed", id, e);
        return e;
    }

    private Set<String> insert(Connection c, List<Insert> inserts) throws SQLException {
        int n = inserts.size();
        String[] ids = new String[n];
        String[] events = new String[n];
        String[] actions = new String[n];
        Long[] installations = new Long[n];
        String[] repositories = new String[n];
        String[] outcomes = new String[n];
        byte[][] payloads = new byte[n][];
        boolean anyPayload = false;
        for (int k = 0; k < n; k++) {
            Delivery d = inserts.get(k).delivery();
            if (ACCEPTED.equals(inserts.get(k).outcome())) {
                payloads[k] = d.bytes();
                anyPayload = true;
            }
            ids[k] = d.id();
            events[k] = d.event();
            actions[k] = d.action().orElse(null);
            long installation = d.installationId();
            installations[k] = installation == 0 ? null : installation;
            repositories[k] = d.repository();
            outcomes[k] = inserts.get(k).outcome();
        }
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(anyPayload ? INSERT_WITH_PAYLOADS : INSERT)) {
            bind(c, s, 1, "varchar", ids);
            bind(c, s, 2, "varchar", events);
            bind(c, s, 3, "varchar", actions);
            bind(c, s, 4, "bigint", installations);
            bind(c, s, 5, "varchar", repositories);
            bind(c, s, 6, "varchar", outcomes);
            if (anyPayload) {
                s.setString(7, owner);
                s.setObject(8, clock.instant().plus(CLAIM).atOffset(ZoneOffset.UTC));
                bind(c, s, 9, "varchar", ids);
                bind(c, s, 10, "bytea", payloads);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    inserted.add(r.getString(1));
                }
            }
        }
        return inserted;
    }

    /**
     * Writes a round of outcomes; when its statement fails because of a row's content, writes them one by one so
     * that only the bad one fails.
     */
    private void update(List<Finish> finishes) {
        try {
            db.connection(c -> update(c, finishes));
            finishes.forEach(f -> f.done().complete(null));
        } catch (RuntimeException e) {
            if (finishes.size() > 1 && RowFailures.causedByARow(e)) {
                log.warn(
                        "Recording the outcome of {} webhook deliveries failed ({}); recording them one by one",
                        finishes.size(),
                        RowFailures.reason(e.getMessage()));
                finishes.forEach(f -> update(List.of(f)));
                return;
            }
            log.error(
                    "Recording the outcome of webhook delivery {} failed",
                    finishes.getFirst().id(),
                    e);
            finishes.getFirst().done().completeExceptionally(e);
        }
    }

    private static void update(Connection c, List<Finish> finishes) throws SQLException {
        int n = finishes.size();
        String[] ids = new String[n];
        String[] outcomes = new String[n];
        String[] details = new String[n];
        for (int k = 0; k < n; k++) {
            ids[k] = finishes.get(k).id();
            outcomes[k] = finishes.get(k).outcome();
            details[k] = finishes.get(k).detail();
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (var local = c.createStatement();
                PreparedStatement s = c.prepareStatement(UPDATE)) {
            local.execute("set local synchronous_commit = off");
            bind(c, s, 1, "varchar", ids);
            bind(c, s, 2, "varchar", outcomes);
            bind(c, s, 3, "varchar", details);
            s.executeUpdate();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void bind(Connection c, PreparedStatement s, int index, String type, Object[] values)
            throws SQLException {
        Array array = c.createArrayOf(type, values);
        s.setArray(index, array);
    }
}
