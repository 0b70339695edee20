package dev.clarity.bot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one reader of webhook payloads: each event Clarity handles read from its delivery's payload tree into its
 * record. The tree is built on the handler's thread when first asked for ({@link Delivery#payload()}), never on the
 * HTTP thread. A payload without a field the record needs, or with it in the wrong shape (GitHub sends none; a
 * damaged or forged one), is {@link EventHandler.Unusable} with a sentence naming the field, before anything is
 * done with it. Fields GitHub may leave out are optional in the records. Pure and thread-safe.
 */
public final class WebhookEvents {
    private static final String BOT = "Bot";

    private WebhookEvents() {}

    /**
     * The record of the event {@code delivery} carries, or empty for an event (or action) Clarity does not handle.
     */
    public static Optional<WebhookEvent> read(Delivery delivery) {
        String action = delivery.action().orElse("");
        return Optional.ofNullable(
                switch (delivery.event()) {
                    case "issue_comment" -> action.equals("created") ? issueCommentCreated(delivery) : null;
                    case "push" -> pushReceived(delivery);
                    case "pull_request" -> action.equals("closed") ? pullRequestClosed(delivery) : null;
                    case "check_run" -> action.equals("rerequested") ? checkRunRequested(delivery) : null;
                    case "installation", "installation_repositories" -> installationChanged(delivery);
                    case "ping" -> ping(delivery);
                    default -> null;
                });
    }

    public static IssueCommentCreated issueCommentCreated(Delivery delivery) {
        JsonNode p = delivery.payload();
        long installationId = positiveLong(p, "installation.id");
        var repository = new IssueCommentCreated.Repository(
                positiveLong(p, "repository.id"),
                ownerSlashName(p, "repository.full_name"),
                positiveLong(p, "repository.owner.id"),
                name(p, "repository.owner.login"),
                optionalText(p, "repository.default_branch"));
        int issue = positiveInt(p, "issue.number");
        long commentId = positiveLong(p, "comment.id");
        String body = text(p, "comment.body");
        String author =
                at(p, "comment.user.login").isTextual() ? name(p, "comment.user.login") : name(p, "sender.login");
        boolean byBot = BOT.equals(at(p, "sender.type").asText())
                || BOT.equals(at(p, "comment.user.type").asText());
        return new IssueCommentCreated(
                delivery.id(), installationId, repository, issue, commentId, body, author, byBot);
    }

    public static PushReceived pushReceived(Delivery delivery) {
        JsonNode p = delivery.payload();
        String repository = text(p, "repository.full_name");
        String ref = text(p, "ref");
        boolean deleted = bool(p, "deleted");
        String after = text(p, "after");
        Set<String> changed = new LinkedHashSet<>();
        for (JsonNode commit : list(p, "commits")) {
            for (String kind : new String[] {"added", "modified", "removed"}) {
                for (JsonNode file : list(commit, kind, "commits[]." + kind)) {
                    if (!file.isTextual()) {
                        throw new EventHandler.Unusable("commits[]." + kind + " holds something that is not a path");
                    }
                    changed.add(file.asText());
                }
            }
        }
        return new PushReceived(
                delivery.id(),
                repository,
                ref,
                deleted,
                after,
                optionalText(p, "repository.default_branch"),
                changed,
                name(p, "sender.login"),
                BOT.equals(at(p, "sender.type").asText()));
    }

    public static PullRequestClosed pullRequestClosed(Delivery delivery) {
        JsonNode p = delivery.payload();
        return new PullRequestClosed(
                delivery.id(),
                text(p, "repository.full_name"),
                positiveInt(p, "pull_request.number"),
                bool(p, "pull_request.merged"),
                text(p, "pull_request.head.ref"),
                text(p, "pull_request.base.ref"));
    }

    public static CheckRunRequested checkRunRequested(Delivery delivery) {
        JsonNode p = delivery.payload();
        String repository = text(p, "repository.full_name");
        JsonNode externalId = at(p, "check_run.external_id");
        if (!externalId.isTextual() && !externalId.isMissingNode() && !externalId.isNull()) {
            throw new EventHandler.Unusable("check_run.external_id is not text");
        }
        return new CheckRunRequested(delivery.id(), repository, externalId.asText(""), name(p, "sender.login"));
    }

    /**
     * {@code installation} (created, deleted, suspend, unsuspend, …) and {@code installation_repositories}. A deleted
     * or suspended installation needs only its id; any other change also its account and the ids and
     * {@code owner/name} of the repositories it adds ({@code repositories}, or {@code repositories_added}) and
     * removes.
     */
    public static InstallationChanged installationChanged(Delivery delivery) {
        JsonNode p = delivery.payload();
        long installationId = positiveLong(p, "installation.id");
        String action = delivery.action().orElse("");
        boolean installation = delivery.event().equals("installation");
        if (installation && (action.equals("deleted") || action.equals("suspend"))) {
            return new InstallationChanged.Withdrawn(delivery.id(), installationId, action);
        }
        var account = new InstallationChanged.Account(
                positiveLong(p, "installation.account.id"), name(p, "installation.account.login"));
        String field = installation ? "repositories" : "repositories_added";
        return new InstallationChanged.Repositories(
                delivery.id(),
                installationId,
                account,
                repositories(p, field),
                repositories(p, "repositories_removed"));
    }

    /** Nothing is required of a ping: it is only answered. */
    public static PingReceived ping(Delivery delivery) {
        JsonNode p = delivery.payload();
        return new PingReceived(
                delivery.id(), p.path("hook_id").asText(), p.path("zen").asText(""));
    }

    private static List<InstallationChanged.Repository> repositories(JsonNode p, String field) {
        List<InstallationChanged.Repository> repositories = new ArrayList<>();
        for (JsonNode repository : list(p, field)) {
            repositories.add(new InstallationChanged.Repository(
                    positiveLong(repository, "id", field + "[].id"),
                    ownerSlashName(repository, "full_name", field + "[].full_name")));
        }
        return repositories;
    }

    // ---- fields, each named by its dotted path in the payload ----------------------------------------------------

    /** The node at a dotted path; a missing node when any step is missing. */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : path.split("\\.")) {
            node = node.path(step);
        }
        return node;
    }

    private static long positiveLong(JsonNode root, String path) {
        return positiveLong(root, path, path);
    }

    /** A positive whole number, or {@link EventHandler.Unusable} naming the field. */
    private static long positiveLong(JsonNode root, String path, String named) {
        JsonNode value = at(root, path);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
            throw new EventHandler.Unusable(named + " is missing or not a positive whole number");
        }
        return value.asLong();
    }

    private static int positiveInt(JsonNode root, String path) {
        JsonNode value = at(root, path);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0) {
            throw new EventHandler.Unusable(path + " is missing or not a positive whole number");
        }
        return value.asInt();
    }

    private static String text(JsonNode root, String path) {
        JsonNode value = at(root, path);
        if (!value.isTextual()) {
            throw new EventHandler.Unusable(path + " is missing or not text");
        }
        return value.asText();
    }

    /** Text that is not blank: a login, a name. */
    private static String name(JsonNode root, String path) {
        JsonNode value = at(root, path);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new EventHandler.Unusable(path + " is missing or not a name");
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode root, String path) {
        JsonNode value = at(root, path);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static boolean bool(JsonNode root, String path) {
        JsonNode value = at(root, path);
        if (!value.isBoolean()) {
            throw new EventHandler.Unusable(path + " is missing or not true or false");
        }
        return value.asBoolean();
    }

    private static String ownerSlashName(JsonNode root, String path) {
        return ownerSlashName(root, path, path);
    }

    /** {@code owner/name}: one slash, with text on both sides. */
    private static String ownerSlashName(JsonNode root, String path, String named) {
        JsonNode value = at(root, path);
        String text = value.isTextual() ? value.asText() : "";
        int slash = text.indexOf('/');
        if (slash <= 0
                || slash != text.lastIndexOf('/')
                || text.substring(0, slash).isBlank()
                || text.substring(slash + 1).isBlank()) {
            throw new EventHandler.Unusable(named + " is missing or not owner/name");
        }
        return text;
    }

    private static JsonNode list(JsonNode root, String path) {
        return list(root, path, path);
    }

    /** The elements of a list; none when the field is missing or null. */
    private static JsonNode list(JsonNode root, String path, String named) {
        JsonNode value = at(root, path);
        if (value.isMissingNode() || value.isNull()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        if (!value.isArray()) {
            throw new EventHandler.Unusable(named + " is not a list");
        }
        return value;
    }
}
