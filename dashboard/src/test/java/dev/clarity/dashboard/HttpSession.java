package dev.clarity.dashboard;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client for route tests: signs in through the real form and sends the CSRF token. */
final class HttpSession {
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]*)\"");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

    private final TestDashboard dashboard;
    final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    String csrf = "";

    HttpSession(TestDashboard dashboard) {
        this.dashboard = dashboard;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static HttpSession signedIn(TestDashboard d, String login) {
        HttpSession s = new HttpSession(d);
        HttpResponse<String> r = s.signIn(login, d.passwords.get(login));
        if (r.statusCode() != 303) {
            throw new AssertionError("signing in as " + login + " answered " + r.statusCode() + ": " + r.body());
        }
        Matcher m = CSRF_META.matcher(s.get("/account").body());
        if (!m.find()) {
            throw new AssertionError("no CSRF token on /account");
        }
        s.csrf = m.group(1);
        return s;
    }

    HttpResponse<String> signIn(String login, String password) {
        Matcher m = CSRF_FIELD.matcher(get("/login").body());
        String token = m.find() ? m.group(1) : "";
        return post("/login", Map.of("_csrf", token, "login", login, "password", password), false);
    }

    HttpResponse<String> get(String path) {
        return send(
                HttpRequest.newBuilder(URI.create(dashboard.url(path))).GET().build());
    }

    HttpResponse<String> get(String path, String header, String value) {
        return send(HttpRequest.newBuilder(URI.create(dashboard.url(path)))
                .header(header, value)
                .GET()
                .build());
    }

    HttpResponse<String> post(String path, Map<String, String> form, boolean withCsrf) {
        return post(path, form, withCsrf, "*/*");
    }

    /** A form post whose {@code Accept} header is {@code accept} (a browser's says {@code text/html}). */
    HttpResponse<String> post(String path, Map<String, String> form, boolean withCsrf, String accept) {
        Map<String, String> body = new LinkedHashMap<>(form);
        if (withCsrf) {
            body.put("_csrf", csrf);
        }
        String encoded = body.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(dashboard.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(encoded))
                .build());
    }

    /** A multipart form post with one file part and the CSRF token, as a browser's file upload sends it. */
    HttpResponse<String> upload(String path, String field, String filename, byte[] content) {
        String boundary = "----clarity" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + filename + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(dashboard.url(path)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    /** A JSON body posted with an API token (no cookie, no CSRF token). */
    HttpResponse<String> postJson(String path, String json, String token) {
        return send(HttpRequest.newBuilder(URI.create(dashboard.url(path)))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    String cookieHeader() {
        return cookies.getCookieStore().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Sending " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending " + request.uri(), e);
        }
    }
}
