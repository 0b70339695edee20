package dev.clarity.runner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Whether the remote target contains the branch's commit ({@link Runner#merged}); the case travels as
 * {@code outcome}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonIgnoreProperties(
        value = {"merged"},
        allowGetters = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = MergedResult.Merged.class, name = "merged"),
    @JsonSubTypes.Type(value = MergedResult.NotMerged.class, name = "not-merged")
})
public sealed interface MergedResult {
    List<String> logs();

    /** The wire's {@code merged}, kept for clients older than {@code outcome} (the API only grows). */
    @JsonProperty("merged")
    default boolean mergedOnTheWire() {
        return this instanceof Merged;
    }

    /** The target contains the branch. */
    record Merged(List<String> logs) implements MergedResult {
        public Merged {
            logs = List.copyOf(logs);
        }
    }

    /** The target does not contain the branch yet. */
    record NotMerged(List<String> logs) implements MergedResult {
        public NotMerged {
            logs = List.copyOf(logs);
        }
    }

    /** The answer with its one log line, the same from every runner. */
    static MergedResult of(boolean merged, String branch, String target) {
        return merged
                ? new Merged(List.of(branch + " is merged into " + target))
                : new NotMerged(List.of(branch + " is not merged into " + target));
    }
}
