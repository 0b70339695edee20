package dev.clarity.runner.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one step's model requests, in this order: finds the provider from the path (404 otherwise), checks the step
 * token for keyed providers (401), answers methods model APIs do not use with 405, checks the step's token budget
 * (403 with a {@code budget_exceeded} error), looks up the upstream and key (403 when Clarity has none), forwards the
 * request with the real key in place of the token,
 * and streams the answer back as it arrives while {@link UsageTally} reads its usage. Errors are JSON bodies in the
 * provider's own error shape, with a sentence that says what to do; 403 rather than 429 or 5xx, which the CLIs
 * retry. Neither the key nor the token is logged. Called by {@link StepRouter} on the gateway thread that read the
 * request; each chunk it writes is sent before the write returns.
 */
final class ForwardingHandler {
    private static final Logger log = LoggerFactory.getLogger(ForwardingHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REQUEST = 32 << 20;
    private static final int CONNECT_TIMEOUT = 10_000;
    /** Milliseconds an answer may pause between two reads: a model can think a while before its next event. */
    static final int READ_TIMEOUT = 10 * 60_000;
    /** Not forwarded: hop-by-hop, set by the client library, or carrying the step token. */
    private static final Set<String> DROPPED = Set.of(
            "host",
            "connection",
            "content-length",
            "expect",
            "upgrade",
            "transfer-encoding",
            "keep-alive",
            "te",
            "trailer",
            "proxy-authorization",
            "proxy-connection",
            "accept-encoding",
            "authorization",
            "x-api-key",
            "http2-settings");

    /**
     * What the Anthropic, OpenAI and Ollama APIs and their clients send (Ollama's CLI checks the server with HEAD);
     * anything else is answered 405 rather than handed to a connection that cannot send it.
     */
    private static final List<String> FORWARDED_METHODS = List.of("GET", "HEAD", "POST", "DELETE");

    private final ProviderKeys keys;
    private final String scope;
    private final byte[] token;
    private final StepMeter meter;

    ForwardingHandler(ProviderKeys keys, String scope, String token, StepMeter meter) {
        this.keys = keys;
        this.scope = scope;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.meter = meter;
    }

    /**
     * Answers one request of the step, blocking until the answer is written (its last chunk may be left to the
     * caller's completion). Throws when the tool's connection fails mid-answer; the usage read so far is counted.
     */
    void serve(Request request, Response response) throws IOException {
        Exchange exchange = new Exchange(request, response);
        String path = exchange.request().getHttpURI().getPath();
        Optional<Provider> found = Provider.forPath(path);
        if (found.isEmpty()) {
            refuse(
                    exchange,
                    404,
                    Provider.ANTHROPIC,
                    "not_found_error",
                    "the gateway serves only " + "/anthropic/…, /openai/v1/… and ollama's /api/…, not " + path);
            return;
        }
        Provider provider = found.get();
        if (provider.keyed() && !tokenMatches(exchange)) {
            refuse(
                    exchange,
                    401,
                    provider,
                    "authentication_error",
                    "the request does not carry this step's"
                            + " token as its API key: the gateway accepts only the key the sandbox was given");
            return;
        }
        String method = exchange.method();
        if (!FORWARDED_METHODS.contains(method)) {
            exchange.response().getHeaders().put(HttpHeader.ALLOW, String.join(", ", FORWARDED_METHODS));
            refuse(
                    exchange,
                    405,
                    provider,
                    "invalid_request_error",
                    "the gateway forwards GET, HEAD, POST and DELETE (the methods model APIs use), not " + method);
            return;
        }
        if (!meter.admit()) {
            refuse(exchange, 403, provider, "budget_exceeded", meter.describe());
            return;
        }
        Optional<Upstream> upstream = keys.upstream(provider, scope);
        if (upstream.isEmpty()) {
            refuse(
                    exchange,
                    403,
                    provider,
                    "permission_error",
                    "Clarity has no key for " + provider.spelling() + ": set "
                            + provider.keyVariable().orElse("") + " in Clarity's environment");
            return;
        }
        forward(
                exchange,
                provider,
                upstream.get(),
                path.substring(provider.prefix().length()));
    }

    private boolean tokenMatches(Exchange exchange) {
        String presented = exchange.request().getHeaders().get("x-api-key");
        if (presented == null) {
            String auth = exchange.request().getHeaders().get(HttpHeader.AUTHORIZATION);
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                presented = auth.substring(7).strip();
            }
        }
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
    }

    private void forward(Exchange exchange, Provider provider, Upstream upstream, String rest) throws IOException {
        byte[] body = Content.Source.asInputStream(exchange.request()).readNBytes(MAX_REQUEST + 1);
        if (body.length > MAX_REQUEST) {
            refuse(exchange, 413, provider, "request_too_large", "model requests are limited to 32 MiB");
            return;
        }
        String model;
        if (provider == Provider.OPENAI && rest.startsWith("/chat/completions")) {
            JsonNode request = parse(body);
            model = request.path("model").asText("");
            body = withStreamedUsage(request, body);
        } else {
            model = modelOf(body); // a tool's request is often 100 KB of context: read only as far as its model
        }
        String query = exchange.request().getHttpURI().getQuery();
        URI target = URI.create(upstream.baseUrl() + rest + (query == null ? "" : "?" + query));
        HttpURLConnection out;
        int status;
        try {
            out = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
            out.setConnectTimeout(CONNECT_TIMEOUT);
            out.setReadTimeout(READ_TIMEOUT);
            out.setInstanceFollowRedirects(false);
            out.setUseCaches(false);
            out.setRequestMethod(exchange.method());
            for (HttpField field : exchange.request().getHeaders()) {
                if (!DROPPED.contains(field.getLowerCaseName())) {
                    out.addRequestProperty(field.getName(), field.getValue());
                }
            }
            if (out.getRequestProperty("Accept") == null) {
                out.setRequestProperty("Accept", "*/*"); // not the connection's own default, meant for browsers
            }
            out.setRequestProperty("Accept-Encoding", "identity");
            upstream.key().ifPresent(key -> {
                if (provider == Provider.ANTHROPIC) {
                    out.setRequestProperty("x-api-key", key);
                } else {
                    out.setRequestProperty("Authorization", "Bearer " + key);
                }
            });
            if (body.length > 0) {
                out.setDoOutput(true);
                try (OutputStream sent = out.getOutputStream()) {
                    sent.write(body);
                }
            }
            status = out.getResponseCode();
        } catch (IOException e) {
            log.warn(
                    "Forwarding a model request to {} at {}: {}",
                    provider.spelling(),
                    upstream.baseUrl(),
                    e.toString());
            refuse(
                    exchange,
                    502,
                    provider,
                    "api_error",
                    provider.spelling() + " at " + upstream.baseUrl() + " could not be reached: "
                            + e.getClass().getSimpleName());
            return;
        }
        relay(exchange, provider, model, out, status);
    }

    private void relay(Exchange exchange, Provider provider, String model, HttpURLConnection answer, int status)
            throws IOException {
        Response response = exchange.response();
        response.setStatus(status);
        answer.getHeaderFields().forEach((name, values) -> {
            if (name != null && !DROPPED.contains(name.toLowerCase(Locale.ROOT))) {
                response.getHeaders().put(name, values); // replaces Jetty's own Date with the upstream's
            }
        });
        InputStream body = status >= 400 ? answer.getErrorStream() : answer.getInputStream();
        boolean empty = body == null || exchange.method().equals("HEAD") || status == 204 || status == 304;
        long length = answer.getContentLengthLong();
        if (empty) {
            if (body != null) {
                body.close();
            }
            return;
        }
        if (length > 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length); // a known length is passed on, not chunked
        }
        UsageTally tally = new UsageTally(provider, model);
        boolean counted = false;
        try (InputStream in = body;
                OutputStream out = Content.Sink.asOutputStream(response)) {
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n == 0) {
                    continue;
                }
                out.write(buffer, 0, n); // sent before it returns: no buffering between the upstream and the tool
                tally.accept(buffer, 0, n);
            }
            // counted before the answer's end reaches the tool (closing the stream sends it): a tool that exits on
            // its last answer leaves no request uncounted when the step reads its usage
            count(tally, provider, status);
            counted = true;
        } finally {
            if (!counted) {
                count(tally, provider, status);
            }
        }
    }

    private void count(UsageTally tally, Provider provider, int status) {
        tally.finish().ifPresent(used -> {
            meter.record(used);
            log.debug(
                    "Model request to {} ({}) answered {}: {} input, {} output tokens",
                    provider.spelling(),
                    used.model(),
                    status,
                    used.inputTokens(),
                    used.outputTokens());
        });
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /**
     * The top-level {@code model} of a JSON request, read token by token up to it (other members are skipped without
     * building them); empty when the body is not a JSON object or names no model.
     */
    static String modelOf(byte[] body) {
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isModel = parser.currentName().equals("model");
                JsonToken value = parser.nextToken();
                if (isModel) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : "";
                }
                parser.skipChildren();
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A streamed OpenAI chat completion reports usage only when asked ({@code stream_options.include_usage}); the
     * gateway asks, so that every streamed answer is counted. Other requests pass unchanged.
     */
    private static byte[] withStreamedUsage(JsonNode request, byte[] body) {
        if (!(request instanceof ObjectNode object) || !request.path("stream").asBoolean(false)) {
            return body;
        }
        ObjectNode options =
                object.has("stream_options") && object.get("stream_options").isObject()
                        ? (ObjectNode) object.get("stream_options")
                        : object.putObject("stream_options");
        options.put("include_usage", true);
        try {
            return JSON.writeValueAsBytes(object);
        } catch (IOException e) {
            return body;
        }
    }

    private static void refuse(Exchange exchange, int status, Provider provider, String type, String message)
            throws IOException {
        Map<String, Object> error = provider == Provider.ANTHROPIC
                ? Map.of("type", "error", "error", Map.of("type", type, "message", message))
                : provider == Provider.OPENAI
                        ? Map.of("error", Map.of("type", type, "message", message, "code", type))
                        : Map.of("error", message);
        byte[] bytes = JSON.writeValueAsBytes(error);
        Response response = exchange.response();
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // the request's body is left unread (or read only in part): the connection ends with the answer, and says so,
        // or a client that reuses it races the server's close and sees an empty answer to its next request
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        if (!exchange.method().equals("HEAD")) { // for HEAD the status and headers, never a body
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write(bytes);
            }
        }
        log.info("Refused a model request to {} with {}: {}", provider.spelling(), status, message);
    }

    /** One request and its answer, as the steps above see them. */
    private record Exchange(Request request, Response response) {
        String method() {
            return request.getMethod();
        }
    }
}
