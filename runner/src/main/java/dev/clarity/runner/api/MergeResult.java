package dev.clarity.runner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What {@link Runner#merge} came to; the case travels as {@code outcome}. A commit that cannot be made is an
 * infrastructure failure ({@link RunnerException}), so there is one case today.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({@JsonSubTypes.Type(value = MergeResult.Committed.class, name = "committed")})
@JsonIgnoreProperties(
        value = {"ok"},
        allowGetters = true)
public sealed interface MergeResult {
    List<String> logs();

    /** The wire's {@code ok}, kept for clients older than {@code outcome} (the API only grows). */
    @JsonProperty("ok")
    default boolean okOnTheWire() {
        return this instanceof Committed;
    }

    /** {@code commit} is the full SHA of the commit made on {@code branch} (or found, on a repeat). */
    record Committed(String branch, String commit, List<String> logs) implements MergeResult {
        public Committed {
            logs = List.copyOf(logs);
        }
    }
}
