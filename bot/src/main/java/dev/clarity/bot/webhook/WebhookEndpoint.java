package dev.clarity.bot.webhook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The handler of {@code POST /webhooks/github}. In order: size (413 over 25 MB; 408 for a body that stops arriving),
 * signature over the raw bytes (401, nothing stored), headers ({@link DeliveryHeaders}) and JSON, including text
 * PostgreSQL would refuse ({@link PayloadText}) (400 naming the problem, nothing stored), de-duplication by delivery
 * id (200 for a redelivery, no second effect),
 * then 202: the matching {@link EventHandler} runs on {@code executor}, so the answer never waits for GitHub or for
 * work. Events and actions without a handler, and deliveries their handler has no work for (a comment that is not a
 * command), are recorded as ignored and answered 202 without a hand-off; {@code ping} gets 200.
 * Every log line about a delivery carries {@code delivery} in the MDC; every answer and every handler's end is counted
 * ({@link DeliveryMeters}).
 *
 * <p>A delivery handed off is recorded with its payload, kept until its handler has processed it: if this process
 * dies first, {@link DeliveryReplay} hands it to the same handler again ({@link #replay}).
 */
public final class WebhookEndpoint implements Handler {
    public static final String PATH = "/webhooks/github";
    public static final long MAX_BODY_BYTES = 25L * 1024 * 1024;
    static final String MDC_KEY = "delivery";
    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

    private final WebhookSignature signature;
    private final DeliveryLog deliveries;
    private final EventRoutes routes;
    private final Executor executor;
    private final ObjectMapper json;
    private final DeliveryMeters meters;
    /** Handlers at work at once: they share the database pool and the installation's GitHub rate limit. */
    private final java.util.concurrent.Semaphore working = new java.util.concurrent.Semaphore(MAX_HANDLERS, true);

    /** At most this many deliveries are handled at once; later ones wait their turn in arrival order. */
    public static final int MAX_HANDLERS = 16;

    public WebhookEndpoint(
            WebhookSignature signature,
            DeliveryLog deliveries,
            EventRoutes routes,
            Executor executor,
            ObjectMapper json) {
        this(signature, deliveries, routes, executor, json, DeliveryMeters.NONE);
    }

    /** @param meters counts every answer and every handler's end, by event and result */
    public WebhookEndpoint(
            WebhookSignature signature,
            DeliveryLog deliveries,
            EventRoutes routes,
            Executor executor,
            ObjectMapper json,
            DeliveryMeters meters) {
        this.signature = signature;
        this.deliveries = deliveries;
        this.routes = routes;
        this.executor = executor;
        this.json = json;
        this.meters = meters;
    }

    /**
     * The event as a label: one of GitHub's webhook events ({@link DeliveryHeaders}' closed list) as it is, anything
     * else {@code other}, and {@code unverified} before the signature was checked. The header is not signed, so what
     * it says never becomes a label of its own.
     */
    private static String eventLabel(String event) {
        if (event == null) {
            return "unverified";
        }
        return DeliveryHeaders.EVENTS.contains(event) ? event : "other";
    }

    @Override
    public void handle(Context ctx) {
        String deliveryId = ctx.header("X-GitHub-Delivery");
        // headers are not signed: only an id of the shape GitHub sends goes into log lines
        String logged = DeliveryHeaders.isDeliveryId(deliveryId) ? deliveryId : "-";
        try (var ignored = MDC.putCloseable(MDC_KEY, logged)) {
            answer(ctx, deliveryId);
        } catch (DeliveryLog.Refused e) {
            // validation let through something PostgreSQL refuses: that delivery alone fails, with the reason
            log.warn("Refused a webhook delivery the database would not store: {}", e.getMessage());
            reply(ctx, ctx.header("X-GitHub-Event"), 400, "bad-payload", e.getMessage());
        }
    }

    private void answer(Context ctx, String deliveryId) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            reply(ctx, null, 413, "too-large", "payloads over 25 MB are refused");
            return;
        }
        Body body;
        try {
            body = read(ctx.req().getInputStream(), declared, MAX_BODY_BYTES);
        } catch (IOException e) {
            // the sender stalled or trickled past the server's read limits, or went away: nothing was stored
            log.debug("A webhook body did not arrive whole: {}", e.toString());
            reply(ctx, null, 408, "body-incomplete", "the body did not arrive whole in time");
            return;
        }
        if (body == null) {
            reply(ctx, null, 413, "too-large", "payloads over 25 MB are refused");
            return;
        }
        if (!signature.matches(body.bytes(), body.length(), ctx.header("X-Hub-Signature-256"))) {
            log.warn("Refused a webhook delivery: X-Hub-Signature-256 missing or wrong");
            reply(ctx, null, 401, "bad-signature", "X-Hub-Signature-256 is missing or does not match");
            return;
        }
        String event = ctx.header("X-GitHub-Event");
        Optional<String> badHeader = DeliveryHeaders.problem(deliveryId, event);
        if (badHeader.isPresent()) {
            reply(
                    ctx,
                    event == null ? "" : event,
                    400,
                    "bad-request",
                    badHeader.get()); // signed, header missing: other
            return;
        }
        Delivery delivery;
        try {
            delivery = Delivery.read(deliveryId, event, body.bytes(), body.length(), json);
        } catch (Delivery.NotAnObject e) {
            reply(ctx, event, 400, "bad-json", "the body is not a JSON object");
            return;
        } catch (Delivery.Unstorable e) {
            reply(ctx, event, 400, "bad-payload", e.getMessage());
            return;
        } catch (JacksonException e) {
            reply(ctx, event, 400, "bad-json", "the body is not JSON");
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a webhook body held in memory", e);
        }
        dispatch(ctx, delivery);
    }

    private void dispatch(Context ctx, Delivery delivery) {
        if (delivery.event().equals("ping")) {
            boolean first = deliveries.recordFirst(delivery, "processed");
            PingReceived ping = WebhookEvents.ping(delivery);
            log.info("Ping received (hook {}){}", ping.hookId(), first ? "" : ", again");
            reply(ctx, delivery.event(), 200, "pong", "zen: " + ping.zen());
            return;
        }
        Optional<EventHandler> route = routes.find(delivery.event(), delivery.action());
        Optional<EventHandler> handler = route.filter(h -> h.wants(delivery));
        // the body may sit in this thread's reused buffer: a delivery handed off (whose payload is also kept until it
        // is processed) gets a copy of its own
        Delivery recorded = handler.isPresent() ? delivery.detached() : delivery;
        if (!deliveries.recordFirst(recorded, handler.isPresent() ? "accepted" : "ignored")) {
            log.info("Redelivery of {} answered without a second effect", delivery.key());
            reply(ctx, delivery.event(), 200, "duplicate", "this delivery was already received");
            return;
        }
        if (handler.isEmpty()) {
            String why = route.isPresent() ? " has nothing for Clarity to do" : " is not handled";
            log.debug("Ignored {}:{}", delivery.key(), why);
            reply(ctx, delivery.event(), 202, "ignored", delivery.key() + why);
            return;
        }
        try {
            executor.execute(() -> run(handler.get(), recorded));
        } catch (RejectedExecutionException e) {
            deliveries.forget(delivery.id());
            log.warn("Shutting down: {} refused, GitHub may redeliver it", delivery.key());
            reply(ctx, delivery.event(), 503, "shutting-down", "Clarity is shutting down; redeliver later");
            return;
        }
        reply(ctx, delivery.event(), 202, "accepted", delivery.key());
    }

    /**
     * Hands a delivery that was accepted earlier, and never finished, to its handler again, on the same executor and
     * under the same limit as a new one; the handler's end records its outcome as for a new one. Called by
     * {@link DeliveryReplay} for the deliveries it claimed.
     *
     * @return false when the executor takes no more work (shutting down): the delivery stays accepted
     */
    boolean replay(Delivery delivery) {
        Optional<EventHandler> handler = routes.find(delivery.event(), delivery.action());
        if (handler.isEmpty()) {
            deliveries.finish(delivery.id(), "failed", "no handler takes " + delivery.key() + " any more");
            return true;
        }
        try {
            executor.execute(() -> run(handler.get(), delivery));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void run(EventHandler handler, Delivery delivery) {
        try (var ignored = MDC.putCloseable(MDC_KEY, delivery.id())) {
            try {
                working.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("Shutting down before {} was handled", delivery.key());
                return;
            }
            String result = "failed";
            try {
                handler.handle(delivery);
                deliveries.finish(delivery.id(), "processed", null);
                result = "processed";
            } catch (EventHandler.Deferred e) {
                // stays accepted, its payload kept: the next process handles it again (DeliveryReplay)
                log.info("Deferred {}: {}", delivery.key(), e.getMessage());
                result = "deferred";
            } catch (EventHandler.Unusable e) {
                log.warn("Could not use {}: {}", delivery.key(), e.getMessage());
                deliveries.finish(delivery.id(), "failed", e.getMessage());
            } catch (RuntimeException e) {
                log.error("Handling {}", delivery.key(), e);
                deliveries.finish(delivery.id(), "failed", String.valueOf(e.getMessage()));
            } finally {
                working.release();
                meters.handled(eventLabel(delivery.event()), result);
            }
        }
    }

    /** Deliveries being handled right now (at most {@link #MAX_HANDLERS}). */
    int handling() {
        return MAX_HANDLERS - working.availablePermits();
    }

    /**
     * Writes the small JSON answer straight to the response, with its length: the framework's result stream would
     * copy it through buffers of its own, which under a burst of deliveries is most of what a request allocates. A
     * sender that is gone by then gets nothing, and that is no error of the server's: whatever was stored stays.
     */
    private void reply(Context ctx, String event, int status, String outcome, String detail) {
        meters.answered(eventLabel(event), outcome);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(Map.of("status", outcome, "detail", detail));
        } catch (IOException e) {
            throw new UncheckedIOException("writing the answer to a webhook delivery", e);
        }
        ctx.status(status);
        var res = ctx.res();
        res.setContentType("application/json");
        res.setContentLength(bytes.length);
        try {
            res.getOutputStream().write(bytes);
        } catch (IOException e) {
            log.debug("The sender of a webhook delivery left before its answer ({}): {}", status, e.toString());
        }
    }

    /** The first {@code length} bytes of {@code bytes} are the body. */
    record Body(byte[] bytes, int length) {}

    /** Bodies up to this size are read into a buffer each HTTP thread keeps; larger ones get an array of their own. */
    static final int REUSED_BYTES = 64 * 1024;

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[REUSED_BYTES]);

    /**
     * The whole body, or null when it holds more than {@code limit} bytes. A declared length that fits
     * {@link #REUSED_BYTES} is read into the calling thread's buffer, valid until that thread reads its next body: under
     * a burst of deliveries the body was a third of what a request allocated.
     */
    static Body read(InputStream in, long declared, long limit) throws IOException {
        if (declared < 0 || declared > REUSED_BYTES || declared > limit) {
            byte[] bytes = readAtMost(in, declared, limit);
            return bytes == null ? null : new Body(bytes, bytes.length);
        }
        byte[] buffer = BUFFER.get();
        int read = in.readNBytes(buffer, 0, (int) declared);
        if (read < declared) {
            return new Body(buffer, read);
        }
        return in.read() < 0 ? new Body(buffer, read) : null;
    }

    /**
     * The whole body, or null when it holds more than {@code limit} bytes. A declared length is read into an array
     * of exactly that size; a body without one (chunked) is read in steps up to the limit.
     */
    static byte[] readAtMost(InputStream in, long declared, long limit) throws IOException {
        if (declared > limit) {
            return null;
        }
        if (declared >= 0) {
            byte[] bytes = new byte[(int) declared];
            int read = in.readNBytes(bytes, 0, bytes.length);
            if (read < bytes.length) {
                return Arrays.copyOf(bytes, read);
            }
            return in.read() < 0 ? bytes : null;
        }
        var out = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        for (int n; (n = in.read(chunk)) >= 0; ) {
            if (out.size() + n > limit) {
                return null;
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }
}
