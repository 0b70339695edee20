package dev.clarity.runner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What {@link Runner#prep} came to; the case travels as {@code outcome}. {@code branch} is the branch asked for;
 * {@code logs} say it in sentences for the event log (never to be parsed: the case says what happened).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonIgnoreProperties(
        value = {"ok"},
        allowGetters = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = PrepResult.Ready.class, name = "ready"),
    @JsonSubTypes.Type(value = PrepResult.Adopted.class, name = "adopted"),
    @JsonSubTypes.Type(value = PrepResult.Conflict.class, name = "conflict"),
    @JsonSubTypes.Type(value = PrepResult.BaseMissing.class, name = "base-missing"),
    @JsonSubTypes.Type(value = PrepResult.ForeignCommits.class, name = "foreign-commits")
})
public sealed interface PrepResult {
    String branch();

    List<String> logs();

    /**
     * The wire's {@code ok}, true for {@link Ready} and {@link Adopted}, kept for clients older than {@code outcome}
     * (the API only grows); callers in Java switch on the case.
     */
    @JsonProperty("ok")
    default boolean okOnTheWire() {
        return this instanceof Ready || this instanceof Adopted;
    }

    /** {@code branch} is checked out at {@code head} (made from the base, or as it already was). */
    record Ready(String branch, String head, List<String> logs) implements PrepResult {
        public Ready {
            logs = List.copyOf(logs);
        }
    }

    /**
     * A request with {@code personBranch}: {@code branch} (the record branch) is checked out at {@code head},
     * standing on {@code personHead}, the head of the person's branch.
     */
    record Adopted(String branch, String head, String personHead, List<String> logs) implements PrepResult {
        public Adopted {
            logs = List.copyOf(logs);
        }
    }

    /** The person's branch and the base the item stands on change the same lines; nothing was checked out. */
    record Conflict(String branch, String personBranch, String baseBranch, List<String> logs) implements PrepResult {
        public Conflict {
            logs = List.copyOf(logs);
        }
    }

    /** The base branch exists neither locally nor on the remote. */
    record BaseMissing(String branch, String baseBranch, List<String> logs) implements PrepResult {
        public BaseMissing {
            logs = List.copyOf(logs);
        }
    }

    /**
     * The remote {@code branch} holds commits Clarity did not make (at {@code remoteHead}): a person pushed to it,
     * and Clarity does not overwrite it.
     */
    record ForeignCommits(String branch, String remoteHead, List<String> logs) implements PrepResult {
        public ForeignCommits {
            logs = List.copyOf(logs);
        }
    }
}
