package dev.clarity.runner.detect;

import java.util.List;

/** What {@link BuildDetector} found in a repository. */
public sealed interface BuildDetection {
    /** The build whose tests are the standard check; {@code others} were found too and lost on preference. */
    record Found(DetectedBuild build, List<DetectedBuild> others) implements BuildDetection {
        public Found {
            others = List.copyOf(others);
        }
    }

    /** No build was found; {@code advice} is one sentence telling the user what to add to {@code .clarity.yml}. */
    record NotFound(String advice) implements BuildDetection {}
}
