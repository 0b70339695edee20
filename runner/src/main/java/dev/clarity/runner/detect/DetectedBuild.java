package dev.clarity.runner.detect;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A build found in a repository: its {@code name} ({@code maven}, {@code gradle}, {@code cargo}, {@code go},
 * {@code npm}, {@code pnpm}, {@code yarn}, {@code pytest}), the argv that runs its tests, the argv that prepares
 * them when they need one (installing a lockfile's packages), and the file that gave it away.
 */
public record DetectedBuild(String name, List<String> testCommand, Optional<List<String>> setup, String evidence) {
    public DetectedBuild {
        testCommand = List.copyOf(testCommand);
        setup = setup.map(List::copyOf);
    }

    /** The programs these commands start, for the sandbox's command allowlist. */
    public List<String> commands() {
        Set<String> programs = new LinkedHashSet<>();
        setup.ifPresent(argv -> programs.add(argv.getFirst()));
        programs.add(testCommand.getFirst());
        return List.copyOf(programs);
    }

    /** One line for a person: {@code maven (pom.xml): ./mvnw -B test}. */
    public String describe() {
        return name + " (" + evidence + "): " + String.join(" ", testCommand);
    }
}
