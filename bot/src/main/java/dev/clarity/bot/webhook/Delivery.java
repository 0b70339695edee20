package dev.clarity.bot.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * One verified webhook delivery: its {@code X-GitHub-Delivery} id, {@code X-GitHub-Event} name, the payload's
 * {@code action} (empty for events without one, such as push), a few fields every delivery is routed and recorded
 * by, and the payload.
 *
 * <p>A delivery read from the wire ({@link #read}) is checked to be one well-formed JSON object in a single
 * streaming pass that keeps only those fields; the tree of the payload is built when a handler first asks for it, on
 * the handler's thread. So the HTTP answer does not pay for the tree, and a comment that is not a command (most
 * comments) is never built into one: {@link #commentBody()} is enough to tell.
 */
public final class Delivery {
    private final String id;
    private final String event;
    private final Optional<String> action;
    private final long installationId;
    private final String repository;
    private final String commentBody;
    private final byte[] body;
    private final int length;
    private final ObjectMapper json;
    private volatile JsonNode payload;

    private Delivery(
            String id,
            String event,
            Optional<String> action,
            long installationId,
            String repository,
            String commentBody,
            byte[] body,
            int length,
            ObjectMapper json,
            JsonNode payload) {
        this.id = id;
        this.event = event;
        this.action = action;
        this.installationId = installationId;
        this.repository = repository;
        this.commentBody = commentBody;
        this.body = body;
        this.length = length;
        this.json = json;
        this.payload = payload;
    }

    /** A delivery around an already parsed payload (tests, replays). */
    public static Delivery of(String id, String event, Optional<String> action, JsonNode payload) {
        JsonNode name = payload.path("repository").path("full_name");
        JsonNode comment = payload.path("comment").path("body");
        return new Delivery(
                id,
                event,
                action,
                payload.path("installation").path("id").asLong(0),
                name.isTextual() ? name.asText() : null,
                comment.isTextual() ? comment.asText() : null,
                null,
                0,
                null,
                payload);
    }

    /**
     * Reads a delivery's body. Throws {@link com.fasterxml.jackson.core.JacksonException} when it is not well-formed
     * JSON (trailing content included), {@link NotAnObject} when it is JSON but not an object, and {@link Unstorable}
     * when it holds text PostgreSQL refuses ({@link PayloadText}).
     */
    public static Delivery read(String id, String event, byte[] body, ObjectMapper json) throws IOException {
        return read(id, event, body, body.length, json);
    }

    /**
     * Reads a delivery from the first {@code length} bytes of {@code body}, which the delivery keeps (see
     * {@link #detached()} for a buffer that is reused).
     */
    public static Delivery read(String id, String event, byte[] body, int length, ObjectMapper json)
            throws IOException {
        String action = null;
        long installation = 0;
        String repository = null;
        String commentBody = null;
        try (JsonParser p = json.getFactory().createParser(body, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new NotAnObject();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "action" -> action = value == JsonToken.VALUE_STRING ? p.getText() : skip(p, null);
                    case "installation" -> installation = value == JsonToken.START_OBJECT ? installationId(p) : 0;
                    case "repository" -> repository = value == JsonToken.START_OBJECT ? text(p, "full_name") : null;
                    case "comment" -> commentBody = value == JsonToken.START_OBJECT ? text(p, "body") : null;
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "content after the JSON object");
            }
        }
        var problem = PayloadText.problem(body, length);
        if (problem.isPresent()) {
            throw new Unstorable(problem.get());
        }
        return new Delivery(
                id,
                event,
                Optional.ofNullable(action),
                installation,
                repository,
                commentBody,
                body,
                length,
                json,
                null);
    }

    /**
     * This delivery with a body of its own: a delivery read from a buffer that the HTTP thread reuses for its next
     * request is detached before it is handed to another thread.
     */
    public Delivery detached() {
        if (body == null || payload != null) {
            return new Delivery(id, event, action, installationId, repository, commentBody, null, 0, json, payload());
        }
        return new Delivery(
                id,
                event,
                action,
                installationId,
                repository,
                commentBody,
                java.util.Arrays.copyOf(body, length),
                length,
                json,
                null);
    }

    /** The body is JSON, but not an object. */
    public static final class NotAnObject extends IOException {
        private static final long serialVersionUID = 1L;

        NotAnObject() {
            super("the body is not a JSON object");
        }
    }

    /** The body is a JSON object, but holds text that cannot be stored; the message names the first problem. */
    public static final class Unstorable extends IOException {
        private static final long serialVersionUID = 1L;

        Unstorable(String problem) {
            super(problem);
        }
    }

    private static String skip(JsonParser p, String result) throws IOException {
        p.skipChildren();
        return result;
    }

    /** The object's string field {@code field} (or null); leaves the parser at the object's end. */
    private static String text(JsonParser p, String field) throws IOException {
        String found = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals(field) && value == JsonToken.VALUE_STRING) {
                found = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return found;
    }

    private static long installationId(JsonParser p) throws IOException {
        long found = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("id") && value == JsonToken.VALUE_NUMBER_INT) {
                found = p.getLongValue();
            } else {
                p.skipChildren();
            }
        }
        return found;
    }

    public String id() {
        return id;
    }

    public String event() {
        return event;
    }

    public Optional<String> action() {
        return action;
    }

    /**
     * The payload's bytes as GitHub sent them (kept for a delivery handed to a handler, so that it can be handled
     * again after a crash). For a delivery read from the wire this is its body, shared and not to be modified;
     * for one built around a tree ({@link #of}) the tree written as JSON.
     */
    byte[] bytes() {
        if (body != null) {
            return length == body.length ? body : java.util.Arrays.copyOf(body, length);
        }
        try {
            return (json == null ? TREE_WRITER : json).writeValueAsBytes(payload());
        } catch (IOException e) {
            throw new UncheckedIOException("writing the payload of delivery " + id, e);
        }
    }

    private static final ObjectMapper TREE_WRITER = new ObjectMapper();

    /** The payload's tree, built on first use. */
    public JsonNode payload() {
        JsonNode tree = payload;
        if (tree == null) {
            try {
                tree = json.readTree(body, 0, length);
            } catch (IOException e) {
                throw new UncheckedIOException("delivery " + id + " was checked as JSON and no longer reads", e);
            }
            payload = tree;
        }
        return tree;
    }

    /** {@code installation.id}, or 0 when the payload has none (ping, repository webhooks). */
    public long installationId() {
        return installationId;
    }

    /** {@code repository.full_name}, or null. */
    public String repository() {
        return repository;
    }

    /** {@code comment.body} when the payload has a comment with a body (issue_comment events). */
    public Optional<String> commentBody() {
        return Optional.ofNullable(commentBody);
    }

    /** "event.action", or the event alone. */
    public String key() {
        return action.map(a -> event + "." + a).orElse(event);
    }
}
