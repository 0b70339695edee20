package dev.clarity.testkit.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A fake QuickBooks Online with state, shaped after Intuit's documentation of the Accounting API v3 and its OAuth 2.0
 * server:
 *
 * <ul>
 *   <li>{@code GET /connect/oauth2} consents at once and redirects to {@code redirect_uri} with {@code code},
 *       {@code state} and {@code realmId};
 *   <li>{@code POST /oauth2/v1/tokens/bearer} (HTTP Basic client credentials) answers the {@code authorization_code}
 *       and {@code refresh_token} grants: an access token that lives 3600 s and a refresh token (rotated on use);
 *   <li>{@code POST /v3/company/{realmId}/customer|invoice|salesreceipt|creditmemo?requestid=…} creates the entity
 *       (a CreditMemo's {@code RemainingCredit} is its total) and wraps it
 *       as {@code {"Customer": {…, "Id", "SyncToken"}, "time": …}}; the same {@code requestid} answers the same body
 *       again without a second entity; a duplicate customer DisplayName is a 400 Fault (code 6240);
 *   <li>{@code GET /v3/company/{realmId}/payment/{id}} and
 *       {@code GET …/query?query=select * from X [where Id = 'n' | where DisplayName = 'Joe\'s']}
 *       ({@code {"QueryResponse": {"X": […]}}});
 *   <li>an unknown or expired access token is 401 with an AUTHENTICATION fault; {@link #rateLimitNext} answers 429
 *       with {@code Retry-After}; {@link #failNext} answers 5xx.
 * </ul>
 *
 * <p>{@link #recordPayment} pays an invoice as a person would in QuickBooks and {@link #webhook} gives the signed
 * notification QuickBooks then sends. Thread-safe (one lock).
 */
public final class FakeQuickBooks implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENTITY =
            Pattern.compile("/v3/company/([^/]+)/(customer|invoice|salesreceipt|creditmemo)");
    /** {@code select * from X}, optionally {@code where Id|DisplayName = '…'} (quotes and backslashes escaped). */
    private static final Pattern QUERY = Pattern.compile(
            "(?i)^select \\* from (\\w{1,40})(?: where (Id|DisplayName) = '((?:[^'\\\\]|\\\\.){0,500})')?$");

    public static final String CLIENT_ID = "clarity-test-client";
    public static final String CLIENT_SECRET = "clarity-test-secret";
    public static final String REALM = "9130357960563016";
    public static final String VERIFIER_TOKEN = "clarity-test-verifier";

    private final Javalin app;
    private final Object lock = new Object();
    private final Map<String, Instant> accessTokens = new HashMap<>();
    private final Map<String, String> refreshTokens = new HashMap<>();
    private final Map<String, String> codes = new HashMap<>();
    private final Map<String, Map<String, ObjectNode>> entities = new LinkedHashMap<>();
    private final Map<String, String> answered = new HashMap<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();
    private int ids = 100;
    private int rateLimited;
    private int retryAfterSeconds;
    private int refreshes;
    private Instant now = Instant.parse("2026-04-02T10:00:00Z");

    private FakeQuickBooks() {
        this.app = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            config.routes.get("/connect/oauth2", this::authorize);
            config.routes.post("/oauth2/v1/tokens/bearer", this::token);
            config.routes.post("/v3/company/{realm}/{entity}", this::create);
            config.routes.get("/v3/company/{realm}/query", this::query);
            config.routes.get("/v3/company/{realm}/payment/{id}", this::payment);
        });
    }

    public static FakeQuickBooks start() {
        FakeQuickBooks f = new FakeQuickBooks();
        f.app.start();
        return f;
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Moves the fake's clock on (access tokens expire 3600 s after they were issued). */
    public void advance(Duration d) {
        synchronized (lock) {
            now = now.plus(d);
        }
    }

    /** Expires every access token now, as if an hour had passed for them. */
    public void expireAccessTokens() {
        synchronized (lock) {
            accessTokens.replaceAll((t, at) -> now.minusSeconds(1));
        }
    }

    /** The next {@code times} API calls answer 429 with {@code Retry-After: seconds}. */
    public void rateLimitNext(int times, int seconds) {
        synchronized (lock) {
            rateLimited = times;
            retryAfterSeconds = seconds;
        }
    }

    /** The next API calls answer these statuses, one each (e.g. 503, 500). */
    public void failNext(int... statuses) {
        synchronized (lock) {
            for (int s : statuses) {
                failures.add(s);
            }
        }
    }

    /**
     * Entities of a type ({@code Customer}, {@code Invoice}, {@code SalesReceipt}, {@code CreditMemo},
     * {@code Payment}) by Id.
     */
    public List<JsonNode> entities(String type) {
        synchronized (lock) {
            return List.copyOf(entities.getOrDefault(type, Map.of()).values());
        }
    }

    /** Every request line seen ({@code POST /v3/company/…/invoice?requestid=…}), in order. */
    public List<String> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    public int refreshes() {
        synchronized (lock) {
            return refreshes;
        }
    }

    /** A Customer made in QuickBooks by hand (not through the API's requestid); returns its Id. */
    public String addCustomer(String displayName) {
        synchronized (lock) {
            ObjectNode c = JSON.createObjectNode();
            c.put("DisplayName", displayName);
            return store("Customer", c).get("Id").asText();
        }
    }

    /** Pays invoice {@code invoiceId} in full as of {@code txnDate}; returns the Payment's Id. */
    public String recordPayment(String invoiceId, String txnDate) {
        synchronized (lock) {
            ObjectNode invoice = entities.getOrDefault("Invoice", Map.of()).get(invoiceId);
            if (invoice == null) {
                throw new IllegalArgumentException("no invoice " + invoiceId);
            }
            ObjectNode p = JSON.createObjectNode();
            p.set("CustomerRef", invoice.get("CustomerRef"));
            p.put("TotalAmt", invoice.path("TotalAmt").decimalValue());
            p.put("TxnDate", txnDate);
            ObjectNode line = p.putArray("Line").addObject();
            line.put("Amount", invoice.path("TotalAmt").decimalValue());
            ObjectNode linked = line.putArray("LinkedTxn").addObject();
            linked.put("TxnId", invoiceId);
            linked.put("TxnType", "Invoice");
            invoice.put("Balance", 0);
            return store("Payment", p).get("Id").asText();
        }
    }

    /** The body and {@code intuit-signature} of the notification for an entity change, signed with the verifier. */
    public Webhook webhook(String entity, String id, String operation) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode n = root.putArray("eventNotifications").addObject();
        n.put("realmId", REALM);
        ObjectNode e = n.putObject("dataChangeEvent").putArray("entities").addObject();
        e.put("name", entity);
        e.put("id", id);
        e.put("operation", operation);
        e.put("lastUpdated", now.toString());
        String body = root.toString();
        return new Webhook(body, sign(body, VERIFIER_TOKEN));
    }

    /** A webhook notification: its JSON body and the {@code intuit-signature} header. */
    public record Webhook(String body, String signature) {}

    public static String sign(String body, String verifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(verifier.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private void authorize(Context ctx) {
        String code = "code-" + UUID.randomUUID();
        synchronized (lock) {
            codes.put(code, ctx.queryParam("redirect_uri"));
        }
        ctx.redirect(ctx.queryParam("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(ctx.queryParam("state"), StandardCharsets.UTF_8) + "&realmId=" + REALM);
    }

    private void token(Context ctx) {
        String expected = "Basic "
                + Base64.getEncoder()
                        .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ctx.header("Authorization"))) {
            ctx.status(401).json(Map.of("error", "invalid_client"));
            return;
        }
        synchronized (lock) {
            requests.add("POST /oauth2/v1/tokens/bearer " + ctx.formParam("grant_type"));
            switch (String.valueOf(ctx.formParam("grant_type"))) {
                case "authorization_code" -> {
                    String redirect = codes.remove(String.valueOf(ctx.formParam("code")));
                    if (redirect == null || !redirect.equals(ctx.formParam("redirect_uri"))) {
                        ctx.status(400).json(Map.of("error", "invalid_grant"));
                        return;
                    }
                }
                case "refresh_token" -> {
                    if (refreshTokens.remove(String.valueOf(ctx.formParam("refresh_token"))) == null) {
                        ctx.status(400).json(Map.of("error", "invalid_grant"));
                        return;
                    }
                    refreshes++;
                }
                default -> {
                    ctx.status(400).json(Map.of("error", "unsupported_grant_type"));
                    return;
                }
            }
            String access = "access-" + UUID.randomUUID();
            String refresh = "refresh-" + UUID.randomUUID();
            accessTokens.put(access, now.plusSeconds(3600));
            refreshTokens.put(refresh, access);
            ctx.json(Map.of(
                    "token_type",
                    "bearer",
                    "access_token",
                    access,
                    "expires_in",
                    3600,
                    "refresh_token",
                    refresh,
                    "x_refresh_token_expires_in",
                    8726400));
        }
    }

    private void create(Context ctx) throws Exception {
        Matcher m = ENTITY.matcher(ctx.path());
        if (!m.matches()) {
            ctx.status(404);
            return;
        }
        String type = switch (m.group(2)) {
            case "customer" -> "Customer";
            case "invoice" -> "Invoice";
            case "creditmemo" -> "CreditMemo";
            default -> "SalesReceipt";
        };
        synchronized (lock) {
            requests.add("POST " + ctx.path() + "?requestid=" + ctx.queryParam("requestid"));
            if (refused(ctx)) {
                return;
            }
            String requestId = ctx.queryParam("requestid");
            if (requestId != null && answered.containsKey(requestId)) {
                ctx.contentType("application/json").result(answered.get(requestId));
                return;
            }
            ObjectNode body = (ObjectNode) JSON.readTree(ctx.body());
            String problem = problem(type, body);
            if (problem != null) {
                ctx.status(400).json(fault("ValidationFault", problem, type.equals("Customer") ? "6240" : "2020"));
                return;
            }
            if (!type.equals("Customer")) {
                body.put("TotalAmt", total(body));
                body.put("Balance", type.equals("SalesReceipt") ? java.math.BigDecimal.ZERO : total(body));
                if (type.equals("CreditMemo")) {
                    body.put("RemainingCredit", total(body));
                }
            }
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.set(type, store(type, body));
            wrapped.put("time", now.toString());
            String answer = wrapped.toString();
            if (requestId != null) {
                answered.put(requestId, answer);
            }
            ctx.contentType("application/json").result(answer);
        }
    }

    private void query(Context ctx) {
        synchronized (lock) {
            requests.add("GET " + ctx.path() + "?query=" + ctx.queryParam("query"));
            if (refused(ctx)) {
                return;
            }
            Matcher m = QUERY.matcher(String.valueOf(ctx.queryParam("query")).trim());
            if (!m.matches()) {
                ctx.status(400).json(fault("ValidationFault", "Error parsing query", "4000"));
                return;
            }
            String type = entities.keySet().stream()
                    .filter(t -> t.equalsIgnoreCase(m.group(1)))
                    .findFirst()
                    .orElse(m.group(1));
            ArrayNode found = JSON.createArrayNode();
            entities.getOrDefault(type, Map.of()).values().stream()
                    .filter(e -> m.group(2) == null
                            || e.path(m.group(2).equalsIgnoreCase("Id") ? "Id" : "DisplayName")
                                    .asText()
                                    .equals(m.group(3).replaceAll("\\\\(.)", "$1")))
                    .forEach(found::add);
            ObjectNode root = JSON.createObjectNode();
            ObjectNode qr = root.putObject("QueryResponse");
            if (!found.isEmpty()) {
                qr.set(type, found);
                qr.put("startPosition", 1);
                qr.put("maxResults", found.size());
            }
            root.put("time", now.toString());
            ctx.contentType("application/json").result(root.toString());
        }
    }

    private void payment(Context ctx) {
        synchronized (lock) {
            requests.add("GET " + ctx.path());
            if (refused(ctx)) {
                return;
            }
            ObjectNode p = entities.getOrDefault("Payment", Map.of()).get(ctx.pathParam("id"));
            if (p == null) {
                ctx.status(400).json(fault("ValidationFault", "Object Not Found", "610"));
                return;
            }
            ObjectNode root = JSON.createObjectNode();
            root.set("Payment", p);
            root.put("time", now.toString());
            ctx.contentType("application/json").result(root.toString());
        }
    }

    /** Answers 401, 429 or an injected 5xx when due; true when it did. Called with the lock held. */
    private boolean refused(Context ctx) {
        String auth = ctx.header("Authorization");
        Instant expires = auth == null || !auth.startsWith("Bearer ") ? null : accessTokens.get(auth.substring(7));
        if (!REALM.equals(ctx.pathParam("realm")) || expires == null || !now.isBefore(expires)) {
            ctx.status(401)
                    .header("WWW-Authenticate", "Bearer realm=\"Intuit\", error=\"invalid_token\"")
                    .json(fault(
                            "AUTHENTICATION",
                            "message=AuthenticationFailed; errorCode=003200; statusCode=401",
                            "3200"));
            return true;
        }
        if (rateLimited > 0) {
            rateLimited--;
            ctx.status(429)
                    .header("Retry-After", Integer.toString(retryAfterSeconds))
                    .json(fault("THROTTLING", "message=ThrottleExceeded; errorCode=003001; statusCode=429", "3001"));
            return true;
        }
        Integer failure = failures.poll();
        if (failure != null) {
            ctx.status(failure).result("<html><body>Service Unavailable</body></html>");
            return true;
        }
        return false;
    }

    private String problem(String type, ObjectNode body) {
        if (type.equals("Customer")) {
            String name = body.path("DisplayName").asText("");
            if (name.isBlank()) {
                return "Required parameter DisplayName is missing in the request";
            }
            boolean taken = entities.getOrDefault("Customer", Map.of()).values().stream()
                    .anyMatch(c -> c.path("DisplayName").asText().equals(name));
            return taken ? "Duplicate Name Exists Error: The name supplied already exists." : null;
        }
        String customer = body.path("CustomerRef").path("value").asText("");
        if (!entities.getOrDefault("Customer", Map.of()).containsKey(customer)) {
            return "Invalid Reference Id: CustomerRef " + customer;
        }
        if (!body.path("Line").isArray() || body.path("Line").isEmpty()) {
            return "Required param missing, need to supply the required value for the API: Line";
        }
        return null;
    }

    private static java.math.BigDecimal total(ObjectNode body) {
        java.math.BigDecimal t = java.math.BigDecimal.ZERO;
        for (JsonNode line : body.path("Line")) {
            t = t.add(line.path("Amount").decimalValue());
        }
        return t;
    }

    private ObjectNode store(String type, ObjectNode body) {
        String id = Integer.toString(++ids);
        body.put("Id", id);
        body.put("SyncToken", "0");
        body.putObject("MetaData").put("CreateTime", now.toString()).put("LastUpdatedTime", now.toString());
        entities.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(id, body);
        return body;
    }

    private static ObjectNode fault(String type, String message, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode f = root.putObject("Fault");
        ObjectNode e = f.putArray("Error").addObject();
        e.put("Message", message);
        e.put("Detail", message);
        e.put("code", code);
        f.put("type", type);
        root.put("time", Instant.now().toString());
        return root;
    }

    @Override
    public void close() {
        app.stop();
    }
}
