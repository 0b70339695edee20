package dev.clarity.crm.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Iterator;

/**
 * The HTTP adapter to QuickBooks Online on {@code java.net.http}: the OAuth 2.0 token endpoint and the Accounting
 * API v3 ({@code /v3/company/{realmId}/…}, minor version 75). Answers are {@link QuickBooksAnswer} cases, never
 * library exceptions; a token request that fails is a {@link QuickBooksException} saying what was being done.
 * Thread-safe. Tokens never appear in an exception or a log line.
 */
public final class QuickBooksClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final QuickBooksSettings settings;
    private final InstantSource clock;

    public QuickBooksClient(HttpClient http, QuickBooksSettings settings, InstantSource clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    /** Where to send the admin to consent; QuickBooks comes back to the redirect URI with a code and the state. */
    public URI authorizationUrl(String state) {
        return URI.create(settings.authorizeUrl() + "?client_id=" + enc(settings.clientId())
                + "&response_type=code&scope=" + enc("com.intuit.quickbooks.accounting") + "&redirect_uri="
                + enc(settings.redirectUri().toString()) + "&state=" + enc(state));
    }

    public QuickBooksTokens exchange(String code) {
        return token(
                "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri="
                        + enc(settings.redirectUri().toString()),
                "exchanging the authorization code");
    }

    public QuickBooksTokens refresh(String refreshToken) {
        return token("grant_type=refresh_token&refresh_token=" + enc(refreshToken), "refreshing the access token");
    }

    /** {@code POST /v3/company/{realm}/{entity}?requestid=…}: the same requestid is the same request to QuickBooks. */
    public QuickBooksAnswer create(String realm, String accessToken, String entity, JsonNode body, String requestId) {
        return call(
                HttpRequest.newBuilder(api(realm, entity, "requestid=" + enc(requestId)))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .header("Content-Type", "application/json"),
                accessToken,
                "creating a " + entity);
    }

    /** {@code GET /v3/company/{realm}/{entity}/{id}}. */
    public QuickBooksAnswer read(String realm, String accessToken, String entity, String id) {
        return call(
                HttpRequest.newBuilder(api(realm, entity + "/" + enc(id), null)).GET(),
                accessToken,
                "reading " + entity + " " + id);
    }

    /** {@code GET /v3/company/{realm}/query?query=…}; the answer is the {@code QueryResponse} object. */
    public QuickBooksAnswer query(String realm, String accessToken, String query) {
        return call(
                HttpRequest.newBuilder(api(realm, "query", "query=" + enc(query)))
                        .GET(),
                accessToken,
                "querying");
    }

    private QuickBooksAnswer call(HttpRequest.Builder request, String accessToken, String what) {
        HttpResponse<String> r;
        try {
            r = http.send(
                    request.timeout(TIMEOUT)
                            .header("Authorization", "Bearer " + accessToken)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new QuickBooksAnswer.Unavailable(what + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new QuickBooksAnswer.Unavailable(what + ": interrupted");
        }
        int s = r.statusCode();
        if (s == 401) {
            return new QuickBooksAnswer.Unauthorized();
        }
        if (s == 429) {
            long seconds = r.headers()
                    .firstValue("Retry-After")
                    .map(QuickBooksClient::seconds)
                    .orElse(60L);
            return new QuickBooksAnswer.RateLimited(Duration.ofSeconds(seconds));
        }
        if (s >= 500) {
            return new QuickBooksAnswer.Unavailable(what + ": QuickBooks answered " + s);
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            return new QuickBooksAnswer.Unavailable(what + ": QuickBooks answered " + s + " without JSON");
        }
        if (s != 200) {
            JsonNode error = body.path("Fault").path("Error").path(0);
            String code = error.path("code").asText("?");
            return new QuickBooksAnswer.Rejected(
                    s, code, error.path("Message").asText("status " + s) + " (code " + code + ")");
        }
        // the entity is the one field that is not "time": {"Customer": {...}, "time": "..."}
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("time")) {
                return new QuickBooksAnswer.Ok(body.get(name));
            }
        }
        return new QuickBooksAnswer.Ok(body);
    }

    private QuickBooksTokens token(String form, String what) {
        String basic = Base64.getEncoder()
                .encodeToString((settings.clientId() + ":" + settings.clientSecret()).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(settings.tokenUrl())
                            .timeout(TIMEOUT)
                            .header("Authorization", "Basic " + basic)
                            .header("Accept", "application/json")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() != 200 || !body.hasNonNull("access_token")) {
                throw new QuickBooksException(what + " with QuickBooks: status " + r.statusCode() + ", "
                        + body.path("error").asText("no error given"));
            }
            var now = clock.instant();
            return new QuickBooksTokens(
                    body.get("access_token").asText(),
                    body.get("refresh_token").asText(),
                    now.plusSeconds(body.path("expires_in").asLong(3600)),
                    now.plusSeconds(body.path("x_refresh_token_expires_in").asLong(8726400)));
        } catch (IOException e) {
            throw new QuickBooksException(
                    what + " with QuickBooks: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuickBooksException(what + " with QuickBooks: interrupted");
        }
    }

    private URI api(String realm, String path, String query) {
        return URI.create(settings.apiBaseUrl() + "/v3/company/" + enc(realm) + "/" + path + "?minorversion=75"
                + (query == null ? "" : "&" + query));
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(1, Math.min(3600, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return 60;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
