package dev.clarity.bot.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * {@link GitHubGateway} over GitHub's REST API with {@code java.net.http} and Jackson (docs/adr/0006). Reads and
 * edits are retried on server errors by {@link GitHubHttp}; creations (comment, pull request, check run) are never
 * blindly repeated: after a server error the thing is looked up again, and created only if it is still missing, so a
 * 502 that hid a success does not make a duplicate. Thread-safe.
 */
public final class RestGitHubGateway implements GitHubGateway {
    private static final int PAGE = 100;

    private final GitHubHttp http;
    private final AppJwt jwt;
    private final InstallationTokens tokens;
    private final RetryPolicy policy;
    private final DoubleSupplier jitter;
    private final long appId;
    private volatile String appSlug;

    public RestGitHubGateway(
            URI apiUrl,
            long appId,
            RSAPrivateKey key,
            HttpClient client,
            ObjectMapper json,
            InstantSource clock,
            Ticker ticker,
            Sleeper sleeper,
            RetryPolicy policy,
            DoubleSupplier jitter) {
        this.http = new GitHubHttp(apiUrl, client, json, clock, sleeper, policy, jitter);
        this.jwt = new AppJwt(appId, key, clock);
        this.tokens = new InstallationTokens(this::fetchToken, clock, ticker);
        this.policy = policy;
        this.jitter = jitter;
        this.appId = appId;
    }

    private InstallationToken fetchToken(long installationId) {
        JsonNode body = http.expectOk(
                "POST", "/app/installations/" + installationId + "/access_tokens", null, "Bearer " + jwt.mint(), true);
        return GitHubJson.token(body);
    }

    private String auth(long installationId) {
        return "token " + tokens.get(installationId).token();
    }

    /** A call as the installation; a 401 drops the cached token and tries once more with a fresh one. */
    private GitHubHttp.Response call(long installationId, String method, String path, Object body, boolean retry5xx) {
        try {
            GitHubHttp.Response response = http.call(method, path, body, auth(installationId), retry5xx);
            if (response.status() == 401) {
                tokens.invalidate(installationId);
                response = http.call(method, path, body, auth(installationId), retry5xx);
            }
            return response;
        } catch (GitHubHttp.ServerTrouble e) {
            throw new GitHubException(e.getMessage(), e.status, e);
        }
    }

    private JsonNode ok(long installationId, String method, String path, Object body, boolean retry5xx) {
        GitHubHttp.Response response = call(installationId, method, path, body, retry5xx);
        if (!response.ok()) {
            throw new GitHubException(
                    "calling GitHub " + method + " " + path + ": " + response.status() + " "
                            + response.body().path("message").asText(""),
                    response.status(),
                    null);
        }
        return response.body();
    }

    /**
     * Looks, and creates only what is still missing; a server error during the creation leads back to the look-up
     * after a backoff, until the policy's attempts are spent.
     */
    private <T> T findOrCreate(String what, Supplier<Optional<T>> find, Supplier<T> create) {
        return findOrCreate(what, find, create, true);
    }

    /** {@link #findOrCreate}; without {@code lookFirst} the first attempt creates at once (the caller just looked). */
    private <T> T findOrCreate(String what, Supplier<Optional<T>> find, Supplier<T> create, boolean lookFirst) {
        for (int attempt = 1; ; attempt++) {
            Optional<T> found = attempt == 1 && !lookFirst ? Optional.empty() : find.get();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                return create.get();
            } catch (GitHubException e) {
                boolean serverSide = e.status() >= 500 || e.status() == 0 || (e.status() == 422 && attempt == 1);
                if (!serverSide || attempt >= policy.maxAttempts()) {
                    throw e;
                }
                http.pause(
                        what,
                        "creation not confirmed (" + e.status() + ")",
                        policy.serverErrorDelay(attempt, jitter.getAsDouble()));
            }
        }
    }

    private static String repoPath(RepoRef repo) {
        return "/repos/" + enc(repo.owner()) + "/" + enc(repo.name());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public Permission permission(long installationId, RepoRef repo, String login) {
        GitHubHttp.Response r = call(
                installationId, "GET", repoPath(repo) + "/collaborators/" + enc(login) + "/permission", null, true);
        if (r.status() == 404) {
            return Permission.NONE;
        }
        if (!r.ok()) {
            throw new GitHubException(
                    "asking GitHub for " + login + "'s permission on " + repo + ": " + r.status(), r.status(), null);
        }
        return GitHubJson.permission(r.body());
    }

    @Override
    public void addReaction(long installationId, RepoRef repo, long commentId, String content) {
        ok(
                installationId,
                "POST",
                repoPath(repo) + "/issues/comments/" + commentId + "/reactions",
                Map.of("content", content),
                true);
    }

    @Override
    public IssueComment createComment(long installationId, RepoRef repo, int issueNumber, String marker, String body) {
        if (!GitHubGateway.holdsMarker(body, marker)) {
            throw new IllegalArgumentException("a comment found by its marker must hold it as a line: " + marker);
        }
        return findOrCreate(
                "comment on " + repo + "#" + issueNumber,
                () -> findOwnComment(installationId, repo, issueNumber, marker),
                () -> GitHubJson.comment(ok(
                        installationId,
                        "POST",
                        repoPath(repo) + "/issues/" + issueNumber + "/comments",
                        Map.of("body", body),
                        false)),
                false);
    }

    @Override
    public IssueComment editComment(long installationId, RepoRef repo, long commentId, String body) {
        return GitHubJson.comment(ok(
                installationId, "PATCH", repoPath(repo) + "/issues/comments/" + commentId, Map.of("body", body), true));
    }

    @Override
    public Optional<IssueComment> findOwnComment(long installationId, RepoRef repo, int issueNumber, String marker) {
        for (int page = 1; ; page++) {
            JsonNode list = ok(
                    installationId,
                    "GET",
                    repoPath(repo) + "/issues/" + issueNumber + "/comments?per_page=" + PAGE + "&page=" + page,
                    null,
                    true);
            for (JsonNode c : list) {
                IssueComment comment = GitHubJson.comment(c);
                if (GitHubGateway.holdsMarker(comment.body(), marker) && written(comment)) {
                    return Optional.of(comment);
                }
            }
            if (list.size() < PAGE) {
                return Optional.empty();
            }
        }
    }

    /**
     * True for a comment this App wrote: its author is a bot, and it was written through this App
     * ({@code performed_via_github_app.id}) or its author is this App's bot user ({@code <slug>[bot]}; the slug is
     * asked of GitHub once, and only when the first test does not decide). A person's comment never qualifies, even
     * one written through this App, since Clarity writes as its bot user only.
     */
    private boolean written(IssueComment c) {
        if (!"Bot".equals(c.authorType())) {
            return false;
        }
        return c.viaAppId() == appId || (appSlug() + "[bot]").equalsIgnoreCase(c.authorLogin());
    }

    private String appSlug() {
        String slug = appSlug;
        if (slug == null) {
            try {
                slug = GitHubJson.appSlug(http.expectOk("GET", "/app", null, "Bearer " + jwt.mint(), true));
            } catch (GitHubHttp.ServerTrouble e) {
                throw new GitHubException(e.getMessage(), e.status, e);
            }
            appSlug = slug;
        }
        return slug;
    }

    private Optional<PullRequest> findOpenPullRequest(long installationId, RepoRef repo, String head) {
        JsonNode list = ok(
                installationId,
                "GET",
                repoPath(repo) + "/pulls?state=open&per_page=" + PAGE + "&head=" + enc(repo.owner() + ":" + head),
                null,
                true);
        for (JsonNode p : list) {
            if (head.equals(p.path("head").path("ref").asText())) {
                return Optional.of(GitHubJson.pullRequest(p));
            }
        }
        return Optional.empty();
    }

    @Override
    public PullRequest openOrUpdatePullRequest(
            long installationId, RepoRef repo, String head, String base, String title, String body) {
        Optional<PullRequest> open = findOpenPullRequest(installationId, repo, head);
        if (open.isPresent()) {
            Map<String, Object> patch = new LinkedHashMap<>();
            patch.put("title", title);
            patch.put("body", body);
            if (!base.equals(open.get().base())) {
                patch.put("base", base);
            }
            return GitHubJson.pullRequest(ok(
                    installationId,
                    "PATCH",
                    repoPath(repo) + "/pulls/" + open.get().number(),
                    patch,
                    true));
        }
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("title", title);
        create.put("head", head);
        create.put("base", base);
        create.put("body", body);
        return findOrCreate(
                "pull request " + head + " on " + repo,
                () -> findOpenPullRequest(installationId, repo, head),
                () -> GitHubJson.pullRequest(ok(installationId, "POST", repoPath(repo) + "/pulls", create, false)));
    }

    @Override
    public PullRequest updatePullRequestBase(long installationId, RepoRef repo, int number, String base) {
        return GitHubJson.pullRequest(
                ok(installationId, "PATCH", repoPath(repo) + "/pulls/" + number, Map.of("base", base), true));
    }

    private Optional<CheckRun> findCheckRun(long installationId, RepoRef repo, CheckRunRequest request) {
        JsonNode body = ok(
                installationId,
                "GET",
                repoPath(repo) + "/commits/" + enc(request.headSha()) + "/check-runs?filter=all&per_page=" + PAGE
                        + "&check_name=" + enc(request.name()),
                null,
                true);
        for (JsonNode run : body.path("check_runs")) {
            if (request.externalId().equals(run.path("external_id").asText())) {
                return Optional.of(GitHubJson.checkRun(run));
            }
        }
        return Optional.empty();
    }

    @Override
    public CheckRun createOrUpdateCheckRun(long installationId, RepoRef repo, CheckRunRequest request) {
        List<CheckRunRequest.Annotation> all = request.annotations();
        int batch = CheckRunRequest.ANNOTATIONS_PER_CALL;
        Map<String, Object> fields = checkRunFields(request, all.subList(0, Math.min(batch, all.size())));
        Optional<CheckRun> existing = findCheckRun(installationId, repo, request);
        CheckRun run;
        if (existing.isPresent()) {
            run = GitHubJson.checkRun(ok(
                    installationId,
                    "PATCH",
                    repoPath(repo) + "/check-runs/" + existing.get().id(),
                    fields,
                    true));
        } else {
            Map<String, Object> create = new LinkedHashMap<>(fields);
            create.put("head_sha", request.headSha());
            run = findOrCreate(
                    "check run " + request.externalId() + " on " + repo,
                    () -> findCheckRun(installationId, repo, request),
                    () -> GitHubJson.checkRun(
                            ok(installationId, "POST", repoPath(repo) + "/check-runs", create, false)));
        }
        // GitHub takes 50 annotations per call and appends each call's to the run: the rest follow in batches
        for (int from = batch; from < all.size(); from += batch) {
            Map<String, Object> more = new LinkedHashMap<>();
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("title", request.title() == null ? request.name() : request.title());
            output.put("summary", request.summary() == null ? "" : request.summary());
            if (request.text() != null) {
                output.put("text", request.text()); // an output without it would leave the run's text empty
            }
            output.put("annotations", annotationFields(all.subList(from, Math.min(from + batch, all.size()))));
            more.put("output", output);
            run = GitHubJson.checkRun(
                    ok(installationId, "PATCH", repoPath(repo) + "/check-runs/" + run.id(), more, true));
        }
        return run;
    }

    private static Map<String, Object> checkRunFields(CheckRunRequest r, List<CheckRunRequest.Annotation> first) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", r.name());
        f.put("external_id", r.externalId());
        f.put("status", r.status());
        if (r.conclusion() != null) {
            f.put("conclusion", r.conclusion());
        }
        if (r.detailsUrl() != null) {
            f.put("details_url", r.detailsUrl());
        }
        if (r.title() != null || r.summary() != null) {
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("title", r.title() == null ? r.name() : r.title());
            output.put("summary", r.summary() == null ? "" : r.summary());
            if (r.text() != null) {
                output.put("text", r.text());
            }
            List<Map<String, Object>> annotations = annotationFields(first);
            if (!annotations.isEmpty()) {
                output.put("annotations", annotations);
            }
            f.put("output", output);
        }
        return f;
    }

    private static List<Map<String, Object>> annotationFields(List<CheckRunRequest.Annotation> batch) {
        List<Map<String, Object>> annotations = new ArrayList<>();
        for (CheckRunRequest.Annotation a : batch) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", a.path());
            m.put("start_line", a.startLine());
            m.put("end_line", a.endLine());
            m.put("annotation_level", a.level());
            if (a.title() != null) {
                m.put("title", a.title());
            }
            m.put("message", a.message());
            annotations.add(m);
        }
        return annotations;
    }

    @Override
    public InstallationToken installationToken(long installationId) {
        try {
            return tokens.get(installationId);
        } catch (GitHubHttp.ServerTrouble e) {
            throw new GitHubException(e.getMessage(), e.status, e);
        }
    }

    @Override
    public List<InstallationRepository> installationRepositories(long installationId) {
        List<InstallationRepository> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode body = ok(
                    installationId, "GET", "/installation/repositories?per_page=" + PAGE + "&page=" + page, null, true);
            JsonNode repos = body.path("repositories");
            repos.forEach(r -> all.add(GitHubJson.repository(r)));
            if (repos.size() < PAGE) {
                return all;
            }
        }
    }

    @Override
    public MergeOutcome mergePullRequest(long installationId, RepoRef repo, int number, String method) {
        GitHubHttp.Response r = call(
                installationId,
                "PUT",
                repoPath(repo) + "/pulls/" + number + "/merge",
                Map.of("merge_method", method),
                true);
        if (r.ok()) {
            return GitHubJson.merge(r.body());
        }
        if (r.status() == 405 || r.status() == 409 || r.status() == 422) {
            // a retried merge whose first answer was lost is refused as "not mergeable": look before saying so
            JsonNode pr = ok(installationId, "GET", repoPath(repo) + "/pulls/" + number, null, true);
            if (pr.path("merged").asBoolean(false)) {
                return new MergeOutcome.Merged(pr.path("merge_commit_sha").asText(null));
            }
            return new MergeOutcome.Refused(r.body().path("message").asText("not mergeable"));
        }
        throw new GitHubException("merging " + repo + "#" + number + ": " + r.status(), r.status(), null);
    }

    @Override
    public String defaultBranch(long installationId, RepoRef repo) {
        return ok(installationId, "GET", repoPath(repo), null, true)
                .path("default_branch")
                .asText("main");
    }

    @Override
    public String branchHead(long installationId, RepoRef repo, String branch) {
        String sha = ok(installationId, "GET", repoPath(repo) + "/branches/" + branch, null, true)
                .path("commit")
                .path("sha")
                .asText("");
        if (sha.isEmpty()) {
            throw new GitHubException(
                    "reading branch " + branch + " of " + repo + ": GitHub named no commit", 200, null);
        }
        return sha;
    }

    /** Timeouts for the shared {@link HttpClient}; the composition root builds one per process. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }
}
