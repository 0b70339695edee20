package dev.clarity.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A fake GitHub REST server with state. Installation calls need a token it issued ({@code token …} or
 * {@code Bearer …}); App calls need a JWT whose {@code iss} is the App id (the signature is not checked). Answers are
 * built from the recorded bodies under {@code fixtures/github-api/} with the fields that matter replaced. Comments
 * made through the API are the App's, as on GitHub: author {@code <slug>[bot]} of type {@code Bot}, and
 * {@code performed_via_github_app} the App ({@link #SLUG}); {@link #comment} adds a comment by anyone else. Every
 * non-GET request is recorded in order ({@link #writes()}). {@link #failOnce} makes the next matching call answer an
 * error, either instead of doing the work or after doing it (a lost answer). Thread-safe (one lock).
 */
public final class FakeGitHub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The App's slug: its comments are written by {@code clarity-test[bot]}. */
    public static final String SLUG = "clarity-test";

    private final long appId;
    private final Javalin app;
    private final Object lock = new Object();
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<Long, List<String>> installations = new HashMap<>();
    private final Map<String, Long> tokens = new HashMap<>();
    private final Map<String, String> permissions = new HashMap<>();
    private final Map<String, String> defaultBranches = new HashMap<>();
    private final Map<String, List<ObjectNode>> comments = new HashMap<>();
    private final Map<Long, List<String>> reactions = new HashMap<>();
    private final Map<String, List<ObjectNode>> pulls = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> checkRuns = new HashMap<>();
    private final Map<String, String> branches = new HashMap<>();
    private final Map<String, byte[]> files = new HashMap<>();
    private final List<GitHubWrite> writes = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private int tokensIssued;

    private record Failure(String method, Pattern path, int status, Map<String, String> headers, boolean afterWork) {}

    private FakeGitHub(long appId) {
        this.appId = appId;
        this.app = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            config.routes.get("/app", guard(this::app));
            config.routes.post("/app/installations/{id}/access_tokens", guard(this::token));
            config.routes.post("/app-manifests/{code}/conversions", guard(this::conversion));
            config.routes.get("/installation/repositories", guard(this::installationRepositories));
            config.routes.get("/repos/{o}/{r}", guard(this::repository));
            config.routes.get("/repos/{o}/{r}/collaborators/{u}/permission", guard(this::permission));
            config.routes.post("/repos/{o}/{r}/issues/comments/{id}/reactions", guard(this::react));
            config.routes.get("/repos/{o}/{r}/issues/{n}/comments", guard(this::listComments));
            config.routes.post("/repos/{o}/{r}/issues/{n}/comments", guard(this::createComment));
            config.routes.patch("/repos/{o}/{r}/issues/comments/{id}", guard(this::editComment));
            config.routes.get("/repos/{o}/{r}/pulls", guard(this::listPulls));
            config.routes.post("/repos/{o}/{r}/pulls", guard(this::createPull));
            config.routes.patch("/repos/{o}/{r}/pulls/{n}", guard(this::editPull));
            config.routes.get("/repos/{o}/{r}/pulls/{n}", guard(ctx -> ctx.json(pull(ctx))));
            config.routes.put("/repos/{o}/{r}/pulls/{n}/merge", guard(this::mergePull));
            config.routes.get("/repos/{o}/{r}/commits/{sha}/check-runs", guard(this::listCheckRuns));
            config.routes.get("/repos/{o}/{r}/branches/<b>", guard(this::branch));
            config.routes.get("/repos/{o}/{r}/contents/<path>", guard(this::getContent));
            config.routes.put("/repos/{o}/{r}/contents/<path>", guard(this::putContent));
            config.routes.post("/repos/{o}/{r}/check-runs", guard(this::createCheckRun));
            config.routes.patch("/repos/{o}/{r}/check-runs/{id}", guard(this::editCheckRun));
        });
    }

    /** Starts on a free loopback port. */
    public static FakeGitHub start(long appId) {
        FakeGitHub fake = new FakeGitHub(appId);
        fake.app.start();
        return fake;
    }

    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    @Override
    public void close() {
        app.stop();
    }

    // ---- arranging state ----------------------------------------------------------------------------------

    /** An installation that can reach these repositories ("owner/name"), each with default branch main. */
    public FakeGitHub installation(long id, String... repositories) {
        synchronized (lock) {
            installations.put(id, new ArrayList<>(List.of(repositories)));
            for (String r : repositories) {
                defaultBranches.putIfAbsent(r, "main");
            }
        }
        return this;
    }

    /** {@code role} is admin, maintain, write, triage or read; people not set are not collaborators (404). */
    public FakeGitHub permission(String repository, String login, String role) {
        synchronized (lock) {
            permissions.put(repository + "@" + login.toLowerCase(java.util.Locale.ROOT), role);
        }
        return this;
    }

    /**
     * The next call matching method and path (a regular expression over the path, query excluded) answers
     * {@code status} with {@code headers}; with {@code afterWork} the work is done first and only the answer is
     * replaced (GitHub did it, the answer was lost).
     */
    public FakeGitHub failOnce(
            String method, String pathRegex, int status, Map<String, String> headers, boolean afterWork) {
        synchronized (lock) {
            failures.add(new Failure(method, Pattern.compile(pathRegex), status, Map.copyOf(headers), afterWork));
        }
        return this;
    }

    /**
     * A comment on the issue written by someone other than this App: a person ({@code type} {@code User}) or another
     * App's bot ({@code Bot}, written through App {@code viaAppId}, 0 for none). Returns its id.
     */
    public long comment(String repository, int issue, String login, String type, long viaAppId, String body) {
        synchronized (lock) {
            long id = ids.incrementAndGet();
            ObjectNode c = commentNode(repository, issue, id, body);
            ((ObjectNode) c.path("user")).put("login", login).put("type", type);
            if (viaAppId == 0) {
                c.putNull("performed_via_github_app");
            } else {
                ObjectNode app = template("app.get.200.json");
                app.put("id", viaAppId);
                app.put("slug", login.replace("[bot]", ""));
                c.set("performed_via_github_app", app);
            }
            comments.computeIfAbsent(repository + "#" + issue, k -> new ArrayList<>())
                    .add(c);
            return id;
        }
    }

    /** A person's comment on the issue. Returns its id. */
    public long personComment(String repository, int issue, String login, String body) {
        return comment(repository, issue, login, "User", 0, body);
    }

    /** Replaces a comment's body as someone with the right to do so would in GitHub's page (no API call recorded). */
    public void rewriteComment(long id, String body) {
        synchronized (lock) {
            comments.values().stream()
                    .flatMap(List::stream)
                    .filter(c -> c.path("id").asLong() == id)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no comment " + id))
                    .put("body", body);
        }
    }

    /** Deletes a comment as a person would in GitHub's page (no API call recorded). */
    public void deleteComment(long id) {
        synchronized (lock) {
            comments.values().forEach(list -> list.removeIf(c -> c.path("id").asLong() == id));
        }
    }

    /** A file on the default branch of a repository, as the contents API serves it. */
    public FakeGitHub file(String repository, String path, String content) {
        synchronized (lock) {
            files.put(repository + ":" + path, content.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** The file's current text, or null. */
    public String file(String repository, String path) {
        synchronized (lock) {
            byte[] b = files.get(repository + ":" + path);
            return b == null ? null : new String(b, StandardCharsets.UTF_8);
        }
    }

    // ---- reading state -------------------------------------------------------------------------------------

    public List<GitHubWrite> writes() {
        synchronized (lock) {
            return List.copyOf(writes);
        }
    }

    /** The writes to repositories (token requests and App calls left out), in order. */
    public List<GitHubWrite> repositoryWrites() {
        synchronized (lock) {
            return writes.stream().filter(w -> w.path().startsWith("/repos/")).toList();
        }
    }

    /** Every request as "METHOD /path", in order, reads included. */
    public List<String> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    public List<JsonNode> comments(String repository, int issue) {
        synchronized (lock) {
            return List.copyOf(comments.getOrDefault(repository + "#" + issue, List.of()));
        }
    }

    public List<String> reactions(long commentId) {
        synchronized (lock) {
            return List.copyOf(reactions.getOrDefault(commentId, List.of()));
        }
    }

    public List<JsonNode> pulls(String repository) {
        synchronized (lock) {
            return List.copyOf(pulls.getOrDefault(repository, List.of()));
        }
    }

    /** Branch {@code name} of {@code repository} points at {@code sha} (what {@code GET …/branches/NAME} answers). */
    public FakeGitHub branch(String repository, String name, String sha) {
        synchronized (lock) {
            branches.put(repository + "@" + name, sha);
        }
        return this;
    }

    public List<JsonNode> checkRuns(String repository) {
        synchronized (lock) {
            return List.copyOf(checkRuns.getOrDefault(repository, List.of()));
        }
    }

    /** True for an installation token this fake issued (what its git server accepts). */
    public boolean issued(String token) {
        synchronized (lock) {
            return tokens.containsKey(token);
        }
    }

    public int tokensIssued() {
        synchronized (lock) {
            return tokensIssued;
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    private interface Route {
        void handle(Context ctx) throws Exception;
    }

    private static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private Handler guard(Route route) {
        return ctx -> {
            String method = ctx.method().name();
            String path = ctx.path();
            Failure failure;
            synchronized (lock) {
                requests.add(method + " " + path);
                failure = failures.stream()
                        .filter(f -> f.method.equalsIgnoreCase(method)
                                && f.path.matcher(path).matches())
                        .findFirst()
                        .orElse(null);
                if (failure != null) {
                    failures.remove(failure);
                }
            }
            JsonNode body =
                    method.equals("GET") || ctx.bodyAsBytes().length == 0 ? null : JSON.readTree(ctx.bodyAsBytes());
            int status;
            if (failure != null && !failure.afterWork) {
                status = fail(ctx, failure);
            } else {
                try {
                    synchronized (lock) {
                        route.handle(ctx);
                    }
                    status = ctx.statusCode();
                } catch (Refused e) {
                    status = e.status;
                    ctx.status(status).json(Map.of("message", e.getMessage()));
                }
                if (failure != null) {
                    status = fail(ctx, failure);
                }
            }
            if (!method.equals("GET")) {
                synchronized (lock) {
                    writes.add(new GitHubWrite(method, path, body, status));
                }
            }
        };
    }

    private static int fail(Context ctx, Failure failure) {
        failure.headers.forEach(ctx::header);
        String message = failure.status == 429 || failure.status == 403
                ? "You have exceeded a secondary rate limit."
                : "Server Error";
        ctx.status(failure.status).json(Map.of("message", message));
        return failure.status;
    }

    private static ObjectNode template(String fixture) {
        JsonNode node = Fixtures.api(fixture);
        return (ObjectNode) (node.isArray() ? node.get(0) : node).deepCopy();
    }

    private String repo(Context ctx) {
        return ctx.pathParam("o") + "/" + ctx.pathParam("r");
    }

    /** The installation a bearer token belongs to; refuses unknown tokens (401) and repositories it cannot reach (404). */
    private long installationFor(Context ctx, String repository) {
        String auth = ctx.header("Authorization");
        String token = auth == null ? null : auth.replaceFirst("^(?i)(token|bearer) ", "");
        Long installation = token == null ? null : tokens.get(token);
        if (installation == null) {
            throw new Refused(401, "Bad credentials");
        }
        if (repository != null
                && !installations.getOrDefault(installation, List.of()).contains(repository)) {
            throw new Refused(404, "Not Found");
        }
        return installation;
    }

    private JsonNode body(Context ctx) throws Exception {
        return JSON.readTree(ctx.bodyAsBytes());
    }

    // ---- routes ---------------------------------------------------------------------------------------------

    private void token(Context ctx) throws Exception {
        String auth = ctx.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            throw new Refused(401, "A JSON web token could not be decoded");
        }
        String[] parts = auth.substring(7).split("\\.");
        JsonNode claims =
                parts.length == 3 ? JSON.readTree(Base64.getUrlDecoder().decode(parts[1])) : null;
        if (claims == null || !Long.toString(appId).equals(claims.path("iss").asText())) {
            throw new Refused(401, "'Issuer' claim ('iss') must be an Integer");
        }
        long id = Long.parseLong(ctx.pathParam("id"));
        if (!installations.containsKey(id)) {
            throw new Refused(404, "Not Found");
        }
        tokensIssued++;
        String token = "ghs_fake_" + id + "_" + tokensIssued;
        tokens.put(token, id);
        ObjectNode t = template("app.installation-access-token.ghs-format.201.json");
        t.put("token", token);
        t.put(
                "expires_at",
                Instant.now()
                        .plus(1, ChronoUnit.HOURS)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
        ctx.status(201).json(t);
    }

    /** {@code GET /app}: the App the JWT names. */
    private void app(Context ctx) throws Exception {
        String auth = ctx.header("Authorization");
        String[] parts = auth == null || !auth.startsWith("Bearer ")
                ? new String[0]
                : auth.substring(7).split("\\.");
        JsonNode claims =
                parts.length == 3 ? JSON.readTree(Base64.getUrlDecoder().decode(parts[1])) : null;
        if (claims == null || !Long.toString(appId).equals(claims.path("iss").asText())) {
            throw new Refused(401, "A JSON web token could not be decoded");
        }
        ctx.json(appNode());
    }

    private ObjectNode appNode() {
        ObjectNode app = template("app.get.200.json");
        app.put("id", appId);
        app.put("slug", SLUG);
        app.put("name", "Clarity test");
        app.put("html_url", "https://github.com/apps/" + SLUG);
        return app;
    }

    private void conversion(Context ctx) {
        ObjectNode app = JSON.createObjectNode();
        app.put("id", appId);
        app.put("slug", SLUG);
        app.put("name", "Clarity test");
        app.put("html_url", "https://github.com/apps/" + SLUG);
        app.put("webhook_secret", "secret-from-github-" + ctx.pathParam("code"));
        app.put("pem", "-----BEGIN RSA PRIVATE KEY-----\nfake\n-----END RSA PRIVATE KEY-----\n");
        ctx.status(201).json(app);
    }

    private void installationRepositories(Context ctx) {
        long installation = installationFor(ctx, null);
        ObjectNode template = (ObjectNode) Fixtures.api("installation.repositories.list.200.json")
                .path("repositories")
                .get(0);
        ArrayNode list = JSON.createArrayNode();
        for (String full : installations.get(installation)) {
            list.add(repositoryNode(template, full));
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("total_count", list.size());
        body.set("repositories", list);
        ctx.json(body);
    }

    private ObjectNode repositoryNode(ObjectNode template, String full) {
        ObjectNode r = template.deepCopy();
        r.put("id", Math.abs((long) full.hashCode()));
        r.put("name", full.substring(full.indexOf('/') + 1));
        r.put("full_name", full);
        r.put("default_branch", defaultBranches.getOrDefault(full, "main"));
        r.put("clone_url", "https://github.com/" + full + ".git");
        return r;
    }

    private void repository(Context ctx) {
        String full = repo(ctx);
        installationFor(ctx, full);
        ctx.json(repositoryNode(template("repos.get.test-checks.200.json"), full));
    }

    private void permission(Context ctx) {
        String full = repo(ctx);
        installationFor(ctx, full);
        String login = ctx.pathParam("u");
        String role = permissions.get(full + "@" + login.toLowerCase(java.util.Locale.ROOT));
        if (role == null) {
            throw new Refused(404, login + " is not a user");
        }
        String legacy = switch (role) {
            case "maintain" -> "write";
            case "triage" -> "read";
            default -> role;
        };
        ObjectNode body = JSON.createObjectNode();
        body.put("permission", legacy);
        body.put("role_name", role);
        body.putObject("user").put("login", login).put("type", "User");
        ctx.json(body);
    }

    private void react(Context ctx) throws Exception {
        installationFor(ctx, repo(ctx));
        long id = Long.parseLong(ctx.pathParam("id"));
        String content = body(ctx).path("content").asText();
        List<String> list = reactions.computeIfAbsent(id, k -> new ArrayList<>());
        boolean existed = list.contains(content);
        if (!existed) {
            list.add(content);
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("id", ids.incrementAndGet());
        r.put("content", content);
        r.putObject("user").put("login", "clarity[bot]").put("type", "Bot");
        ctx.status(existed ? 200 : 201).json(r);
    }

    private void listComments(Context ctx) {
        String full = repo(ctx);
        installationFor(ctx, full);
        List<ObjectNode> all = comments.getOrDefault(full + "#" + ctx.pathParam("n"), List.of());
        int perPage =
                Integer.parseInt(ctx.queryParamAsClass("per_page", String.class).getOrDefault("30"));
        int page = Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("1"));
        int from = Math.min(all.size(), (page - 1) * perPage);
        ctx.json(all.subList(from, Math.min(all.size(), from + perPage)));
    }

    private void createComment(Context ctx) throws Exception {
        String full = repo(ctx);
        installationFor(ctx, full);
        int issue = Integer.parseInt(ctx.pathParam("n"));
        ObjectNode c = commentNode(
                full, issue, ids.incrementAndGet(), body(ctx).path("body").asText());
        ((ObjectNode) c.path("user"))
                .put("login", SLUG + "[bot]")
                .put("id", appId * 1000)
                .put("type", "Bot");
        c.set("performed_via_github_app", appNode());
        comments.computeIfAbsent(full + "#" + issue, k -> new ArrayList<>()).add(c);
        ctx.status(201).json(c);
    }

    private ObjectNode commentNode(String full, int issue, long id, String body) {
        ObjectNode c = template("issue-comments.create.201.json");
        c.put("id", id);
        c.put("body", body);
        c.put("url", apiUrl() + "/repos/" + full + "/issues/comments/" + id);
        c.put("html_url", "https://github.com/" + full + "/issues/" + issue + "#issuecomment-" + id);
        c.put("issue_url", apiUrl() + "/repos/" + full + "/issues/" + issue);
        return c;
    }

    private void editComment(Context ctx) throws Exception {
        String full = repo(ctx);
        installationFor(ctx, full);
        long id = Long.parseLong(ctx.pathParam("id"));
        for (var entry : comments.entrySet()) {
            if (!entry.getKey().startsWith(full + "#")) {
                continue;
            }
            for (ObjectNode c : entry.getValue()) {
                if (c.path("id").asLong() == id) {
                    c.put("body", body(ctx).path("body").asText());
                    ctx.json(c);
                    return;
                }
            }
        }
        throw new Refused(404, "Not Found");
    }

    private void listPulls(Context ctx) {
        String full = repo(ctx);
        installationFor(ctx, full);
        String head = ctx.queryParam("head");
        String state = ctx.queryParamAsClass("state", String.class).getOrDefault("open");
        ArrayNode list = JSON.createArrayNode();
        for (ObjectNode p : pulls.getOrDefault(full, List.of())) {
            boolean stateOk =
                    state.equals("all") || state.equals(p.path("state").asText());
            boolean headOk =
                    head == null || head.equals(p.path("head").path("label").asText());
            if (stateOk && headOk) {
                list.add(p);
            }
        }
        ctx.json(list);
    }

    private void createPull(Context ctx) throws Exception {
        String full = repo(ctx);
        installationFor(ctx, full);
        JsonNode req = body(ctx);
        String head = req.path("head").asText();
        for (ObjectNode p : pulls.getOrDefault(full, List.of())) {
            if (p.path("state").asText().equals("open")
                    && head.equals(p.path("head").path("ref").asText())) {
                throw new Refused(422, "A pull request already exists for " + full.split("/")[0] + ":" + head + ".");
            }
        }
        List<ObjectNode> list = pulls.computeIfAbsent(full, k -> new ArrayList<>());
        int number = list.size() + 1;
        ObjectNode p = template("pulls.create.201.json");
        p.put("id", ids.incrementAndGet());
        p.put("number", number);
        p.put("state", "open");
        p.put("title", req.path("title").asText());
        p.put("body", req.path("body").asText());
        p.put("html_url", "https://github.com/" + full + "/pull/" + number);
        p.put("merged", false);
        p.putNull("merged_at");
        ((ObjectNode) p.path("head")).put("ref", head).put("label", full.split("/")[0] + ":" + head);
        ((ObjectNode) p.path("base"))
                .put("ref", req.path("base").asText())
                .put("label", full.split("/")[0] + ":" + req.path("base").asText());
        list.add(p);
        ctx.status(201).json(p);
    }

    private ObjectNode pull(Context ctx) {
        String full = repo(ctx);
        installationFor(ctx, full);
        int number = Integer.parseInt(ctx.pathParam("n"));
        return pulls.getOrDefault(full, List.of()).stream()
                .filter(p -> p.path("number").asInt() == number)
                .findFirst()
                .orElseThrow(() -> new Refused(404, "Not Found"));
    }

    private void editPull(Context ctx) throws Exception {
        ObjectNode p = pull(ctx);
        JsonNode req = body(ctx);
        for (String field : List.of("title", "body", "state")) {
            if (req.has(field)) {
                p.put(field, req.path(field).asText());
            }
        }
        if (req.has("base")) {
            ((ObjectNode) p.path("base")).put("ref", req.path("base").asText());
        }
        ctx.json(p);
    }

    private void mergePull(Context ctx) {
        ObjectNode p = pull(ctx);
        if (!p.path("state").asText().equals("open")) {
            throw new Refused(405, "Pull Request is not mergeable");
        }
        String sha = String.format("%040x", ids.incrementAndGet());
        p.put("state", "closed");
        p.put("merged", true);
        p.put("merged_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode body = JSON.createObjectNode();
        p.put("merge_commit_sha", sha);
        body.put("sha", sha);
        body.put("merged", true);
        body.put("message", "Pull Request successfully merged");
        ctx.json(body);
    }

    private void listCheckRuns(Context ctx) {
        String full = repo(ctx);
        installationFor(ctx, full);
        String sha = ctx.pathParam("sha");
        String name = ctx.queryParam("check_name");
        ArrayNode list = JSON.createArrayNode();
        for (ObjectNode run : checkRuns.getOrDefault(full, List.of())) {
            if (sha.equals(run.path("head_sha").asText())
                    && (name == null || name.equals(run.path("name").asText()))) {
                list.add(run);
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("total_count", list.size());
        body.set("check_runs", list);
        ctx.json(body);
    }

    private void branch(Context ctx) {
        String full = repo(ctx);
        installationFor(ctx, full);
        String name = ctx.pathParam("b");
        String sha = branches.get(full + "@" + name);
        if (sha == null) {
            throw new Refused(404, "Branch not found");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.putObject("commit").put("sha", sha);
        ctx.json(body);
    }

    private void createCheckRun(Context ctx) throws Exception {
        String full = repo(ctx);
        installationFor(ctx, full);
        JsonNode req = body(ctx);
        long id = ids.incrementAndGet();
        ObjectNode run = template("check-runs.create-in_progress.201.json");
        run.put("id", id);
        run.put("head_sha", req.path("head_sha").asText());
        run.put("html_url", "https://github.com/" + full + "/runs/" + id);
        run.put("url", apiUrl() + "/repos/" + full + "/check-runs/" + id);
        apply(run, req);
        checkRuns.computeIfAbsent(full, k -> new ArrayList<>()).add(run);
        ctx.status(201).json(run);
    }

    private void editCheckRun(Context ctx) throws Exception {
        String full = repo(ctx);
        installationFor(ctx, full);
        long id = Long.parseLong(ctx.pathParam("id"));
        ObjectNode run = checkRuns.getOrDefault(full, List.of()).stream()
                .filter(r -> r.path("id").asLong() == id)
                .findFirst()
                .orElseThrow(() -> new Refused(404, "Not Found"));
        apply(run, body(ctx));
        ctx.json(run);
    }

    private static void apply(ObjectNode run, JsonNode req) {
        for (String field : List.of("name", "external_id", "status", "conclusion", "details_url")) {
            if (req.has(field)) {
                run.set(field, req.get(field));
            }
        }
        if (req.has("output")) {
            ObjectNode output = (ObjectNode) run.path("output");
            JsonNode o = req.get("output");
            // as GitHub: the summary and the text hold at most 65,535 characters each
            for (String field : List.of("summary", "text")) {
                if (o.path(field).asText("").length() > 65_535) {
                    throw new Refused(
                            422,
                            "Invalid request: output." + field + " is too long (maximum is 65535" + " characters)");
                }
            }
            output.set("title", o.path("title"));
            output.set("summary", o.path("summary"));
            if (o.has("text")) {
                output.set("text", o.get("text"));
            }
            // as GitHub: at most 50 per call, each with its required fields, appended to those of earlier calls
            JsonNode added = o.path("annotations");
            if (added.size() > 50) {
                throw new Refused(422, "Invalid request: at most 50 annotations per call, got " + added.size());
            }
            for (JsonNode a : added) {
                String missing = missingAnnotationField(a);
                if (missing != null) {
                    throw new Refused(422, "Invalid request: annotation " + a + " " + missing);
                }
            }
            ArrayNode annotations =
                    output.path("annotations") instanceof ArrayNode kept ? kept : output.putArray("annotations");
            added.forEach(a -> annotations.add(a.deepCopy()));
            output.set("annotations", annotations);
            output.put("annotations_count", annotations.size());
        }
        if ("completed".equals(run.path("status").asText())
                && run.path("completed_at").isNull()) {
            run.put(
                    "completed_at",
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }
    }

    /** Why GitHub would refuse the annotation ({@code null} when it would take it). */
    private static String missingAnnotationField(JsonNode a) {
        if (!a.path("path").isTextual() || a.path("path").asText().isEmpty()) {
            return "lacks path";
        }
        if (!a.path("start_line").isIntegralNumber() || !a.path("end_line").isIntegralNumber()) {
            return "lacks start_line or end_line";
        }
        if (!List.of("notice", "warning", "failure")
                .contains(a.path("annotation_level").asText())) {
            return "has no annotation_level notice, warning or failure";
        }
        if (!a.path("message").isTextual()) {
            return "lacks message";
        }
        return null;
    }

    private static String blobSha(byte[] content) {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-1");
            digest.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().formatHex(digest.digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode contentNode(ObjectNode template, String full, String path, byte[] content, boolean withBody) {
        ObjectNode c = template.deepCopy();
        c.put("name", path.substring(path.lastIndexOf('/') + 1));
        c.put("path", path);
        c.put("sha", blobSha(content));
        c.put("size", content.length);
        c.put("url", apiUrl() + "/repos/" + full + "/contents/" + path);
        c.put("html_url", "https://github.com/" + full + "/blob/main/" + path);
        if (withBody) {
            c.put(
                    "content",
                    Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII))
                                    .encodeToString(content) + "\n");
            c.put("encoding", "base64");
        }
        return c;
    }

    private void getContent(Context ctx) {
        String full = repo(ctx);
        installationFor(ctx, full);
        String path = ctx.pathParam("path");
        byte[] content = files.get(full + ":" + path);
        if (content == null) {
            throw new Refused(404, "Not Found");
        }
        ctx.json(contentNode(template("contents.get-file.200.json"), full, path, content, true));
    }

    private void putContent(Context ctx) throws Exception {
        String full = repo(ctx);
        installationFor(ctx, full);
        String path = ctx.pathParam("path");
        JsonNode req = body(ctx);
        byte[] existing = files.get(full + ":" + path);
        if (existing != null && !blobSha(existing).equals(req.path("sha").asText())) {
            throw new Refused(409, path + " does not match " + req.path("sha").asText());
        }
        if (existing == null && req.has("sha")) {
            throw new Refused(422, "sha wasn't supplied.");
        }
        byte[] content = Base64.getMimeDecoder().decode(req.path("content").asText());
        files.put(full + ":" + path, content);
        ObjectNode answer = template("contents.create-put.201.json");
        answer.set("content", contentNode((ObjectNode) answer.get("content"), full, path, content, false));
        ((ObjectNode) answer.get("commit")).put("sha", String.format("%040x", ids.incrementAndGet()));
        ((ObjectNode) answer.get("commit")).put("message", req.path("message").asText());
        ctx.status(existing == null ? 201 : 200).json(answer);
    }

    /** The bytes of a recorded fixture, for tests that read a body through adapter code. */
    public static String fixtureText(String name) {
        return new String(Fixtures.bytes("github-api", name), StandardCharsets.UTF_8);
    }
}
