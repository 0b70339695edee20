package dev.clarity.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarity.bot.app.Json;
import dev.clarity.testkit.github.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link WebhookEvents} reads every recorded delivery into the record its handler takes, and refuses a payload that
 * lacks a field a handler needs (or holds it in the wrong shape) with a sentence naming the field.
 */
class WebhookEventsTest {
    private static final String ID = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
    private static final String ZEN = "Anything added dilutes everything else.";

    /** What a recorded delivery reads as. */
    sealed interface Expected {}

    record Reads(WebhookEvent event) implements Expected {}

    record Refused(String message) implements Expected {}

    record NotHandled() implements Expected {}

    /** Every recorded delivery, with what it reads as: a fixture added later fails the first test until it is here. */
    static final Map<String, Expected> RECORDED = Map.ofEntries(
            Map.entry(
                    "check_run.rerequested.json",
                    new Reads(new CheckRunRequested(ID, "github/hello-world", "", "octocat"))),
            Map.entry(
                    "installation.created.json",
                    new Reads(new InstallationChanged.Repositories(
                            ID,
                            957387,
                            new InstallationChanged.Account(21031067, "Codertocat"),
                            List.of(new InstallationChanged.Repository(186853002, "Codertocat/Hello-World")),
                            List.of()))),
            Map.entry(
                    "installation_repositories.added.json",
                    new Reads(new InstallationChanged.Repositories(
                            ID,
                            957387,
                            new InstallationChanged.Account(21031067, "Codertocat"),
                            List.of(new InstallationChanged.Repository(186853007, "Codertocat/Space")),
                            List.of()))),
            // a repository webhook's delivery: a GitHub App always gets the installation
            Map.entry(
                    "issue_comment.created.json",
                    new Refused("installation.id is missing or not a positive whole number")),
            Map.entry(
                    "issue_comment.created.with-installation.json",
                    new Reads(new IssueCommentCreated(
                            ID,
                            1,
                            new IssueCommentCreated.Repository(
                                    186853002, "Codertocat/Hello-World", 21031067, "Codertocat", Optional.of("master")),
                            1,
                            492700400,
                            "You are totally right! I'll get this fixed right away.",
                            "Codertocat",
                            false))),
            Map.entry("issue_comment.edited.json", new NotHandled()),
            Map.entry("ping.json", new Reads(new PingReceived(ID, "109948940", ZEN))),
            Map.entry("ping.with-app_id.json", new Reads(new PingReceived(ID, "109948940", ZEN))),
            Map.entry(
                    "pull_request.closed.json",
                    new Reads(new PullRequestClosed(ID, "Codertocat/Hello-World", 2, false, "changes", "master"))),
            Map.entry("push.json", new Reads(tagDeleted())),
            Map.entry("push.with-installation.json", new Reads(tagDeleted())),
            Map.entry(
                    "push.with-new-branch.json",
                    new Reads(new PushReceived(
                            ID,
                            "Codertocat/Hello-World",
                            "refs/heads/master",
                            false,
                            "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
                            Optional.of("master"),
                            Set.of("README.md"),
                            "Codertocat",
                            false))));

    private static PushReceived tagDeleted() {
        return new PushReceived(
                ID,
                "Codertocat/Hello-World",
                "refs/tags/simple-tag",
                true,
                "0000000000000000000000000000000000000000",
                Optional.of("master"),
                Set.of(),
                "Codertocat",
                false);
    }

    @Test
    void every_recorded_delivery_is_covered() {
        assertThat(Fixtures.webhookNames()).containsExactlyInAnyOrderElementsOf(RECORDED.keySet());
    }

    static Stream<String> recorded() {
        return Fixtures.webhookNames().stream();
    }

    @ParameterizedTest
    @MethodSource("recorded")
    void each_recorded_delivery_reads_into_the_record_its_handler_takes(String fixture) throws Exception {
        // the event comes from the file name, as GitHub sends it in X-GitHub-Event
        String event = fixture.substring(0, fixture.indexOf('.'));
        Delivery delivery = Delivery.read(ID, event, Fixtures.webhook(fixture), Json.mapper());
        switch (RECORDED.get(fixture)) {
            case Reads reads -> assertThat(WebhookEvents.read(delivery)).contains(reads.event());
            case Refused refused ->
                assertThatThrownBy(() -> WebhookEvents.read(delivery))
                        .isInstanceOf(EventHandler.Unusable.class)
                        .hasMessage(refused.message());
            case NotHandled n -> assertThat(WebhookEvents.read(delivery)).isEmpty();
            case null -> throw new AssertionError(fixture + " has no expected record in RECORDED");
        }
    }

    static Stream<Arguments> damaged() {
        String comment = "issue_comment.created.with-installation.json";
        String push = "push.with-new-branch.json";
        String closed = "pull_request.closed.json";
        String rerun = "check_run.rerequested.json";
        String installed = "installation.created.json";
        String added = "installation_repositories.added.json";
        return Stream.of(
                Arguments.of(comment, "comment.id", null, "comment.id is missing or not a positive whole number"),
                Arguments.of(comment, "comment.body", "7", "comment.body is missing or not text"),
                Arguments.of(comment, "issue.number", "-1", "issue.number is missing or not a positive whole number"),
                Arguments.of(
                        comment,
                        "repository.full_name",
                        "\"no-slash\"",
                        "repository.full_name is missing or not owner/name"),
                Arguments.of(
                        comment, "repository.owner.login", null, "repository.owner.login is missing or not a name"),
                Arguments.of(
                        comment, "installation.id", "1.5", "installation.id is missing or not a positive whole number"),
                Arguments.of(push, "ref", null, "ref is missing or not text"),
                Arguments.of(push, "after", "[]", "after is missing or not text"),
                Arguments.of(push, "deleted", "\"no\"", "deleted is missing or not true or false"),
                Arguments.of(push, "commits", "{}", "commits is not a list"),
                Arguments.of(push, "commits.0.added", "[1]", "commits[].added holds something that is not a path"),
                Arguments.of(push, "sender.login", "\" \"", "sender.login is missing or not a name"),
                Arguments.of(push, "repository.full_name", null, "repository.full_name is missing or not text"),
                Arguments.of(
                        closed, "pull_request.merged", null, "pull_request.merged is missing or not true or false"),
                Arguments.of(closed, "pull_request.head.ref", null, "pull_request.head.ref is missing or not text"),
                Arguments.of(
                        closed,
                        "pull_request.number",
                        "\"2\"",
                        "pull_request.number is missing or not a positive whole number"),
                Arguments.of(rerun, "check_run.external_id", "5", "check_run.external_id is not text"),
                Arguments.of(rerun, "sender", null, "sender.login is missing or not a name"),
                Arguments.of(
                        installed,
                        "installation.account",
                        null,
                        "installation.account.id is missing or not a positive whole number"),
                Arguments.of(
                        installed,
                        "installation.account.login",
                        "\"\"",
                        "installation.account.login is missing or not a name"),
                Arguments.of(
                        installed,
                        "repositories.0.full_name",
                        "\"Codertocat\"",
                        "repositories[].full_name is missing or not owner/name"),
                Arguments.of(
                        added,
                        "repositories_added.0.id",
                        "0",
                        "repositories_added[].id is missing or not a positive whole number"),
                Arguments.of(added, "repositories_removed", "\"none\"", "repositories_removed is not a list"));
    }

    @ParameterizedTest
    @MethodSource("damaged")
    void a_payload_without_a_field_its_handler_needs_is_refused_naming_the_field(
            String fixture, String path, String json, String message) throws Exception {
        ObjectNode payload = (ObjectNode) Json.mapper().readTree(Fixtures.webhook(fixture));
        set(payload, path, json == null ? null : Json.mapper().readTree(json));
        Delivery delivery = Delivery.of(ID, fixture.substring(0, fixture.indexOf('.')), action(payload), payload);

        assertThatThrownBy(() -> WebhookEvents.read(delivery))
                .isInstanceOf(EventHandler.Unusable.class)
                .hasMessage(message);
    }

    @Test
    void a_deleted_installation_needs_only_its_id() throws Exception {
        ObjectNode payload = (ObjectNode) Json.mapper().readTree(Fixtures.webhook("installation.created.json"));
        payload.put("action", "deleted");
        ((ObjectNode) payload.get("installation")).remove("account");
        payload.remove("repositories");

        assertThat(WebhookEvents.read(Delivery.of(ID, "installation", Optional.of("deleted"), payload)))
                .contains(new InstallationChanged.Withdrawn(ID, 957387, "deleted"));
    }

    @Test
    void a_check_run_without_an_external_id_reads_as_one_that_is_not_clarity_s() throws Exception {
        ObjectNode payload = (ObjectNode) Json.mapper().readTree(Fixtures.webhook("check_run.rerequested.json"));
        ((ObjectNode) payload.get("check_run")).putNull("external_id");

        assertThat(WebhookEvents.checkRunRequested(Delivery.of(ID, "check_run", Optional.of("rerequested"), payload))
                        .externalId())
                .isEmpty();
    }

    @Test
    void a_comment_without_its_author_is_answered_to_the_sender_and_a_bot_s_is_marked() throws Exception {
        ObjectNode payload =
                (ObjectNode) Json.mapper().readTree(Fixtures.webhook("issue_comment.created.with-installation.json"));
        ((ObjectNode) payload.get("comment")).remove("user");
        ((ObjectNode) payload.get("sender")).put("login", "hubot").put("type", "Bot");

        IssueCommentCreated comment =
                WebhookEvents.issueCommentCreated(Delivery.of(ID, "issue_comment", Optional.of("created"), payload));

        assertThat(comment.author()).isEqualTo("hubot");
        assertThat(comment.byBot()).isTrue();
    }

    private static Optional<String> action(JsonNode payload) {
        return payload.path("action").isTextual()
                ? Optional.of(payload.path("action").asText())
                : Optional.empty();
    }

    /** Replaces (or, with null, removes) the node at a dotted path; a number steps into a list. */
    private static void set(JsonNode root, String path, JsonNode value) {
        String[] steps = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (parent instanceof ArrayNode list) {
            list.set(Integer.parseInt(last), value);
        } else if (value == null) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }
}
