package dev.clarity.dashboard.live;

import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.executions.EventLine;
import dev.clarity.dashboard.executions.ExecutionQueries;
import dev.clarity.dashboard.executions.RunnerSlot;
import dev.clarity.dashboard.web.AllowedOrigin;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.dashboard.web.JsonOut;
import dev.clarity.dashboard.web.QueryParams;
import dev.clarity.dashboard.web.RequestValues;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two WebSockets: {@code /ws/executions/{id}/log?after=SEQ} and {@code /ws/grid}.
 *
 * <p>New lines are found by polling {@code execution_events} for rows after the last sequence number sent, every
 * {@code interval}, rather than by LISTEN/NOTIFY: events are written by whichever replica runs the execution, a
 * poll works the same on the embedded and on an external PostgreSQL without holding a dedicated connection outside
 * the pool, and it cannot miss a notification sent while a listener reconnects. Each poll is one index range scan
 * on the (execution_id, seq) key per watched execution, so it stays cheap with millions of rows.
 *
 * <p>Ordering guarantee: only the poll (one task at a time, {@code synchronized}) sends, so a subscriber receives
 * its backlog first and then live lines, each exactly once and in sequence order. A browser that reconnects passes
 * the last sequence it holds as {@code after} and continues with no gap and no duplicate.
 *
 * <p>Authorization is checked before the upgrade (403 when the page opening the socket is not one of Clarity's own,
 * see {@link AllowedOrigin}; 401 without a viewer; 403 for logs to a client; 404 for an execution the viewer may not
 * see), again on connect, and again every {@link #RECHECK} while the socket is open, with the credentials it was
 * opened with: a socket whose session ended (signed out, expired, account archived, token revoked) or whose viewer no
 * longer reaches the execution (a manager replaced, a team member taken off the project) is closed with 1008 and
 * sent nothing more. Before, such a socket went on streaming until the browser closed it.
 */
public final class LiveUpdates implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final int BATCH = 500;

    /** How long an open socket goes on without its access being checked again (see the class comment). */
    static final Duration RECHECK = Duration.ofSeconds(5);

    private final Guard guard;
    private final AllowedOrigin origins;
    private final ExecutionQueries queries;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Map<WsContext, LogSubscriber> logs = new ConcurrentHashMap<>();
    private final Map<WsContext, Credentials> grids = new ConcurrentHashMap<>();
    private final Supplier<List<RunnerSlot>> runners;
    private String gridVersion = "";
    private List<RunnerSlot> runnersSent = List.of();
    private ScheduledFuture<?> polling;

    /**
     * @param runners the runner panel's figures; asked on every poll, so it must answer at once (the composition root
     *     hands over what a background survey found last)
     */
    public LiveUpdates(
            Guard guard,
            AllowedOrigin origins,
            ExecutionQueries queries,
            Supplier<List<RunnerSlot>> runners,
            ScheduledExecutorService scheduler,
            Duration interval) {
        this.guard = guard;
        this.origins = origins;
        this.queries = queries;
        this.runners = runners;
        this.scheduler = scheduler;
        this.interval = interval;
    }

    public void contribute(JavalinConfig config) {
        config.routes.wsBeforeUpgrade("/ws/grid", ctx -> requireViewer(ctx));
        config.routes.wsBeforeUpgrade("/ws/executions/{id}/log", ctx -> {
            Viewer v = requireViewer(ctx);
            QueryParams.optionalId(ctx, "after");
            checkLogAccess(v, parseId(ctx.pathParam("id")));
        });
        config.routes.ws("/ws/grid", ws -> {
            ws.onConnect(ctx -> {
                Credentials c = Credentials.of(ctx);
                if (viewer(c).isEmpty()) {
                    ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, "sign in first");
                    return;
                }
                grids.put(ctx, c);
                ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
                ctx.send(JsonOut.string(Map.of("type", "hello")));
            });
            ws.onClose(ctx -> grids.remove(ctx));
            ws.onError(ctx -> grids.remove(ctx));
        });
        config.routes.ws("/ws/executions/{id}/log", ws -> {
            ws.onConnect(ctx -> {
                Credentials c = Credentials.of(ctx);
                Optional<Viewer> v = viewer(c);
                long id = parseId(ctx.pathParam("id"));
                try {
                    checkLogAccess(v.orElseThrow(() -> new UnauthorizedResponse("Sign in first.")), id);
                } catch (RuntimeException e) {
                    ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, e.getMessage());
                    return;
                }
                long after = 0;
                String a = ctx.queryParam("after");
                if (a != null && a.matches("\\d{1,18}")) {
                    after = Long.parseLong(a);
                }
                logs.put(ctx, new LogSubscriber(id, after, c));
                ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
                scheduler.execute(this::poll);
            });
            ws.onClose(ctx -> logs.remove(ctx));
            ws.onError(ctx -> logs.remove(ctx));
        });
    }

    /** Starts polling; call once after the server has started. */
    public synchronized void start() {
        if (polling == null) {
            gridVersion = queries.gridVersion();
            polling = scheduler.scheduleWithFixedDelay(
                    this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * One round: sockets whose access has lapsed closed, new lines to each log subscriber, a "grid" signal when any
     * execution changed.
     */
    synchronized void poll() {
        try {
            recheck();
            pollLogs();
            pollGrid();
        } catch (RuntimeException e) {
            // The next round retries; subscribers keep their position, so nothing is lost or repeated.
            log.warn("Polling execution events for live updates: {}", e.toString());
        }
    }

    private void pollLogs() {
        Map<Long, Long> lowest = new java.util.HashMap<>();
        logs.values().forEach(s -> lowest.merge(s.executionId, s.lastSeq, Math::min));
        for (Map.Entry<Long, Long> e : lowest.entrySet()) {
            List<EventLine> lines = queries.events(e.getKey(), e.getValue(), BATCH);
            if (lines.isEmpty()) {
                continue;
            }
            logs.forEach((ctx, sub) -> {
                if (sub.executionId != e.getKey()) {
                    return;
                }
                List<EventLine> fresh =
                        lines.stream().filter(l -> l.seq() > sub.lastSeq).toList();
                if (fresh.isEmpty()) {
                    return;
                }
                try {
                    ctx.send(JsonOut.string(Map.of("type", "events", "items", fresh)));
                    sub.lastSeq = fresh.getLast().seq();
                } catch (RuntimeException ex) {
                    logs.remove(ctx);
                }
            });
            if (lines.size() == BATCH) {
                scheduler.execute(this::poll); // more backlog: continue at once
            }
        }
    }

    /** Closes the sockets whose viewer lost access since they were last checked, {@link #RECHECK} ago or more. */
    private void recheck() {
        long now = System.nanoTime();
        logs.forEach((ctx, sub) -> {
            if (sub.credentials.due(now)) {
                Optional<String> lapsed = lapsed(sub.credentials, v -> checkLogAccess(v, sub.executionId));
                if (lapsed.isPresent()) {
                    logs.remove(ctx);
                    closeQuietly(ctx, lapsed.get());
                }
            }
        });
        grids.forEach((ctx, c) -> {
            if (c.due(now)) {
                Optional<String> lapsed = lapsed(c, v -> {});
                if (lapsed.isPresent()) {
                    grids.remove(ctx);
                    closeQuietly(ctx, lapsed.get());
                }
            }
        });
    }

    /** Why the socket opened with {@code c} may no longer receive anything, or empty when it still may. */
    private Optional<String> lapsed(Credentials c, java.util.function.Consumer<Viewer> access) {
        Optional<Viewer> v = viewer(c);
        if (v.isEmpty()) {
            return Optional.of("sign in again");
        }
        try {
            access.accept(v.get());
            return Optional.empty();
        } catch (ForbiddenResponse | NotFoundResponse e) {
            return Optional.of(e.getMessage());
        }
    }

    private static void closeQuietly(WsContext ctx, String reason) {
        try {
            ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, reason);
        } catch (RuntimeException e) {
            // already gone
        }
    }

    private void pollGrid() {
        if (grids.isEmpty()) {
            return;
        }
        List<RunnerSlot> seen = runners.get();
        if (!seen.equals(runnersSent)) {
            // only the runner panel changed (a runner went away, a slot freed up): its partial alone is fetched again
            runnersSent = seen;
            sendToGrids(JsonOut.string(Map.of("type", "runners")));
        }
        String version = queries.gridVersion();
        if (version.equals(gridVersion)) {
            return;
        }
        gridVersion = version;
        // only "something changed": the version spans every customer's executions, and each page fetches its own
        // (scoped) rows again, so the signal carries nothing about executions the viewer does not reach
        sendToGrids(JsonOut.string(Map.of("type", "grid")));
    }

    private void sendToGrids(String message) {
        grids.keySet().forEach(ctx -> {
            try {
                ctx.send(message);
            } catch (RuntimeException ex) {
                grids.remove(ctx);
            }
        });
    }

    /** The checks every upgrade passes first: the page's origin, clean parameters, a signed-in viewer. */
    private Viewer requireViewer(Context ctx) {
        if (!origins.allows(ctx)) {
            throw new ForbiddenResponse("Live updates may only be opened by Clarity's own pages.");
        }
        RequestValues.check(ctx, java.util.Set.of());
        return guard.viewer(ctx)
                .filter(v -> !v.mustChangePassword())
                .orElseThrow(() -> new UnauthorizedResponse("Sign in first."));
    }

    private Optional<Viewer> viewer(Credentials c) {
        return guard.viewer(c.cookie, c.authorization);
    }

    private void checkLogAccess(Viewer v, long id) {
        if (!v.role().readsLogs()) {
            throw new ForbiddenResponse("Clients do not see execution logs.");
        }
        if (!queries.visible(v, id)) {
            throw new NotFoundResponse("No such execution.");
        }
    }

    private static long parseId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("No such execution.");
        }
    }

    @Override
    public synchronized void close() {
        if (polling != null) {
            polling.cancel(false);
        }
        logs.keySet().forEach(WsContext::closeSession);
        grids.keySet().forEach(WsContext::closeSession);
    }

    /** Where one log socket stands; changed only inside {@link #poll()}. */
    private static final class LogSubscriber {
        private final long executionId;
        private final Credentials credentials;
        private long lastSeq;

        private LogSubscriber(long executionId, long lastSeq, Credentials credentials) {
            this.executionId = executionId;
            this.lastSeq = lastSeq;
            this.credentials = credentials;
        }
    }

    /**
     * What a socket was opened with (its session cookie or its API token), kept to check its access again, and when
     * that was last done; {@link #due} is called only inside {@link #poll()}.
     */
    private static final class Credentials {
        private final String cookie;
        private final String authorization;
        private long checkedAt = System.nanoTime();

        private Credentials(String cookie, String authorization) {
            this.cookie = cookie;
            this.authorization = authorization;
        }

        static Credentials of(WsContext ctx) {
            return new Credentials(ctx.cookie(Guard.SESSION_COOKIE), ctx.header("Authorization"));
        }

        /** Whether {@link #RECHECK} has passed since the last check; if so, counts this as the next one. */
        boolean due(long now) {
            if (now - checkedAt < RECHECK.toNanos()) {
                return false;
            }
            checkedAt = now;
            return true;
        }
    }
}
