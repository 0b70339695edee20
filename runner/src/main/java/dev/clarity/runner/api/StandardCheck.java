package dev.clarity.runner.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What VERIFY will run as the standard check of a task leaf ({@link Runner#standardCheck}), decided from the item's
 * base commit exactly as VERIFY decides it: the case travels as {@code outcome}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StandardCheck.Configured.class, name = "configured"),
    @JsonSubTypes.Type(value = StandardCheck.Detected.class, name = "detected"),
    @JsonSubTypes.Type(value = StandardCheck.NotFound.class, name = "not-found")
})
public sealed interface StandardCheck {
    /** {@code .clarity.yml} configures {@code checks} (or does not parse, which VERIFY reports naming the line). */
    record Configured() implements StandardCheck {}

    /** No checks configured: the tests of {@code build} (found by {@code evidence}) run with {@code command}. */
    record Detected(String build, List<String> command, String evidence) implements StandardCheck {
        public Detected {
            command = List.copyOf(command);
        }

        /** The progress log's line: {@code no checks configured: running `mvn test` (maven, found pom.xml)}. */
        public String describe() {
            return "no checks configured: running `" + String.join(" ", command) + "` (" + build + ", found " + evidence
                    + ")";
        }
    }

    /** Nothing configured and no build found: {@code advice} says in one sentence what to add to .clarity.yml. */
    record NotFound(String advice) implements StandardCheck {}
}
