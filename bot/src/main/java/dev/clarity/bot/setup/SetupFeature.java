package dev.clarity.bot.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.server.RouteContributor;
import dev.clarity.dashboard.auth.Role;
import dev.clarity.dashboard.auth.Tokens;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.dashboard.web.SecurityHeaders;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /setup} and {@code GET /setup/callback}, for a signed-in admin only (the dashboard's {@link Guard}: a
 * visitor is sent to sign in first, another role gets 403). The page posts the manifest to GitHub with a one-time
 * {@code state} bound to the admin's session; the callback takes the state back only in that same session (a state
 * shown in one session is refused in any other, and it works once), exchanges the code ({@code POST
 * /app-manifests/{code}/conversions}), stores the credentials and says what to do next. Whoever finishes setup
 * chooses the App whose key and secret Clarity trusts, hence the admin role and the binding. The key and secret are
 * never shown on a page or written to a log.
 *
 * <p>On a fresh install the first admin exists before anyone opens this page: the first {@code serve} creates the
 * account {@code admin} and prints its one-time password ({@code ./clarity users add LOGIN --role admin} makes
 * more).
 */
public final class SetupFeature implements RouteContributor {
    private static final Logger log = LoggerFactory.getLogger(SetupFeature.class);
    private static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

    private final Optional<URI> publicUrl;
    private final URI apiUrl;
    private final String webBase;
    private final Supplier<AppManifest> manifest;
    private final AppCredentialsStore store;
    private final HttpClient client;
    private final ObjectMapper json;
    private final Supplier<String> states;
    private final Guard guard;
    /** state → the SHA-256 of the session cookie it was shown to. */
    private final Cache<String, String> issued = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1))
            .maximumSize(1000)
            .build();

    public SetupFeature(
            Optional<URI> publicUrl,
            URI apiUrl,
            String webBase,
            Supplier<AppManifest> manifest,
            AppCredentialsStore store,
            HttpClient client,
            ObjectMapper json,
            Supplier<String> states,
            Guard guard) {
        this.publicUrl = publicUrl;
        this.apiUrl = apiUrl;
        this.webBase = webBase;
        this.manifest = manifest;
        this.store = store;
        this.client = client;
        this.json = json;
        this.states = states;
        this.guard = guard;
    }

    public static SetupFeature create(ClarityConfig config, ObjectMapper json, Guard guard) {
        URI api = config.github().apiUrl();
        SecureRandom random = new SecureRandom();
        return new SetupFeature(
                config.publicUrl(),
                api,
                webBase(api),
                () -> AppManifest.load(Path.of("").toAbsolutePath()),
                new AppCredentialsStore(config.dataDir()),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                json,
                () -> {
                    byte[] b = new byte[16];
                    random.nextBytes(b);
                    return HexFormat.of().formatHex(b);
                },
                guard);
    }

    public static String webBase(URI apiUrl) {
        if ("api.github.com".equalsIgnoreCase(apiUrl.getHost())) {
            return "https://github.com";
        }
        return apiUrl.getScheme() + "://" + apiUrl.getHost() + (apiUrl.getPort() < 0 ? "" : ":" + apiUrl.getPort());
    }

    @Override
    public void contribute(JavalinConfig config) {
        config.routes.get("/setup", guard.allow(ADMINS, this::page));
        config.routes.get("/setup/callback", guard.allow(ADMINS, this::callback));
    }

    /**
     * The session a state is bound to: the hash of the session cookie. Empty for an admin who came with an API
     * token (no browser session, and GitHub's redirect back could not carry the token anyway).
     */
    private static Optional<String> session(Context ctx, Viewer admin) {
        String cookie = ctx.cookie(Guard.SESSION_COOKIE);
        if (admin.csrfToken() == null || cookie == null) {
            return Optional.empty();
        }
        return Optional.of(Tokens.sha256(cookie));
    }

    private static void refuseWithoutSession(Context ctx) {
        ctx.status(403)
                .html(
                        SetupPages.page(
                                "Sign in with a browser",
                                "<p>Setup runs in a signed-in browser session, not with an API token. Sign in at "
                                        + "<a href=\"/login?next=%2Fsetup\">/login</a> and open <code>/setup</code> again.</p>"));
    }

    private void page(Context ctx, Viewer admin) {
        Optional<String> session = session(ctx, admin);
        if (session.isEmpty()) {
            refuseWithoutSession(ctx);
            return;
        }
        if (publicUrl.isEmpty()) {
            ctx.status(409)
                    .html(SetupPages.page(
                            "Set CLARITY_PUBLIC_URL first",
                            "<p>GitHub needs to know how to reach this server. Start Clarity with "
                                    + "<code>CLARITY_PUBLIC_URL</code> set to its public address (for local development, a "
                                    + "forwarding URL such as one from smee.io), then open this page again.</p>"));
            return;
        }
        String state = states.get();
        issued.put(state, session.get());
        String org = ctx.queryParam("org");
        String action = webBase
                + (org == null || org.isBlank()
                        ? "/settings/apps/new"
                        : "/organizations/" + URLEncoder.encode(org, StandardCharsets.UTF_8) + "/settings/apps/new")
                + "?state=" + state;
        String manifestJson = manifest.get().json(publicUrl.get(), json);
        ctx.header("Content-Security-Policy", SecurityHeaders.policyPostingFormsTo(webBase));
        ctx.html(SetupPages.page(
                "Create Clarity's GitHub App",
                "<p>This registers a GitHub App from Clarity's manifest, with its webhook pointed at "
                        + SetupPages.escape(publicUrl.get() + "/webhooks/github") + ". GitHub shows the settings and "
                        + "lets you change the name before creating it.</p>"
                        + "<form method=\"post\" action=\"" + SetupPages.escape(action) + "\">"
                        + "<input type=\"hidden\" name=\"manifest\" value=\"" + SetupPages.escape(manifestJson) + "\">"
                        + "<button type=\"submit\">Create the GitHub App</button></form>"
                        + "<p>For an organization, open <code>/setup?org=NAME</code>.</p>"));
    }

    private void callback(Context ctx, Viewer admin) throws IOException, InterruptedException {
        Optional<String> session = session(ctx, admin);
        if (session.isEmpty()) {
            refuseWithoutSession(ctx);
            return;
        }
        String code = ctx.queryParam("code");
        String state = ctx.queryParam("state");
        // Taken only by the session it was shown to: a state carried to another session stays for its owner.
        if (code == null || state == null || !issued.asMap().remove(state, session.get())) {
            log.warn("A setup callback by {} came with a state that this session was not given", admin.login());
            ctx.status(400)
                    .html(SetupPages.page(
                            "This link is not valid any more",
                            "<p>The setup link was already used, is older than an hour, was opened in another "
                                    + "session or did not come from this server. Start again at "
                                    + "<a href=\"/setup\">/setup</a>.</p>"));
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(apiUrl.toString().replaceAll("/+$", "") + "/app-manifests/"
                                + URLEncoder.encode(code, StandardCharsets.UTF_8) + "/conversions"))
                .header("Accept", "application/vnd.github+json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 201) {
            log.warn("GitHub refused the manifest code: {}", response.statusCode());
            ctx.status(502)
                    .html(
                            SetupPages.page(
                                    "GitHub did not hand over the App",
                                    "<p>GitHub answered " + response.statusCode()
                                            + " when Clarity exchanged the code (codes are "
                                            + "valid for one hour and once). Start again at <a href=\"/setup\">/setup</a>.</p>"));
            return;
        }
        JsonNode app = json.readTree(response.body());
        long id = app.path("id").asLong();
        String pem = app.path("pem").asText();
        String secret = app.path("webhook_secret").asText();
        if (id <= 0 || pem.isBlank() || secret.isBlank() || secret.indexOf('\0') >= 0) {
            log.warn("GitHub's conversion answer lacks the App's id, key or webhook secret; nothing was stored");
            ctx.status(502)
                    .html(SetupPages.page(
                            "GitHub's answer was incomplete",
                            "<p>GitHub's answer lacked the App's id, private key or webhook secret, so nothing was "
                                    + "stored. Start again at <a href=\"/setup\">/setup</a>.</p>"));
            return;
        }
        store.store(id, pem, secret);
        log.info(
                "GitHub App {} ({}) created; credentials stored under {}",
                id,
                app.path("slug").asText(),
                store.directory());
        String install = app.path("html_url")
                        .asText(webBase + "/apps/" + app.path("slug").asText()) + "/installations/new";
        ctx.html(SetupPages.page(
                "The GitHub App is ready",
                "<p>GitHub App <b>" + SetupPages.escape(app.path("name").asText()) + "</b> (id " + id
                        + ") was created. "
                        + "Its private key and webhook secret are stored under <code>"
                        + SetupPages.escape(store.directory().toString()) + "</code> (readable by this user only).</p>"
                        + "<ol><li>Restart Clarity with them: <pre>set -a; . "
                        + SetupPages.escape(ShellQuoting.quote(
                                store.directory().resolve("github.env").toString()))
                        + "; set +a\n./clarity serve</pre></li>"
                        + "<li><a href=\"" + SetupPages.escape(install) + "\">Install the App</a> on the repositories "
                        + "Clarity should work on.</li>"
                        + "<li>Comment <code>/clarity run</code> on an issue of one of them.</li></ol>"));
    }
}
