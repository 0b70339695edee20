package dev.clarity.runner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** What {@link Runner#push} came to; the case travels as {@code outcome}. Nothing is ever forced. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonIgnoreProperties(
        value = {"ok", "rejectedByOthers"},
        allowGetters = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = PushResult.Pushed.class, name = "pushed"),
    @JsonSubTypes.Type(value = PushResult.Merged.class, name = "merged"),
    @JsonSubTypes.Type(value = PushResult.RejectedByOthers.class, name = "rejected-by-others"),
    @JsonSubTypes.Type(value = PushResult.Refused.class, name = "refused"),
    @JsonSubTypes.Type(value = PushResult.Held.class, name = "held")
})
public sealed interface PushResult {
    List<String> logs();

    /**
     * The wire's {@code ok} (pushed or merged) and {@code rejectedByOthers}, kept for clients older than
     * {@code outcome} (the API only grows); callers in Java switch on the case.
     */
    @JsonProperty("ok")
    default boolean okOnTheWire() {
        return this instanceof Pushed || this instanceof Merged;
    }

    @JsonProperty("rejectedByOthers")
    default boolean rejectedByOthersOnTheWire() {
        return this instanceof RejectedByOthers;
    }

    /** The remote {@code branch} now holds {@code commit} (or already did). */
    record Pushed(String branch, String commit, List<String> logs) implements PushResult {
        public Pushed {
            logs = List.copyOf(logs);
        }
    }

    /** A request with {@code mergeInto}: the remote {@code into} now holds {@code branch}, at {@code commit}. */
    record Merged(String branch, String into, String commit, List<String> logs) implements PushResult {
        public Merged {
            logs = List.copyOf(logs);
        }
    }

    /** The remote {@code branch} holds commits Clarity did not make: someone else pushed; nothing was overwritten. */
    record RejectedByOthers(String branch, List<String> logs) implements PushResult {
        public RejectedByOthers {
            logs = List.copyOf(logs);
        }
    }

    /** The server refused (permissions, a protected branch), or the merge into the target conflicts. */
    record Refused(String reason, List<String> logs) implements PushResult {
        public Refused {
            logs = List.copyOf(logs);
        }
    }

    /**
     * Nothing was pushed: {@code branch}'s target is checked out in a working repository on the runner's machine that
     * has changes of its own ({@code reason} names it and says how to bring the work in). Not stored under the
     * request's idempotency key, so the same request, once the checkout is clean, pushes.
     */
    record Held(String branch, String reason, List<String> logs) implements PushResult {
        public Held {
            logs = List.copyOf(logs);
        }
    }
}
