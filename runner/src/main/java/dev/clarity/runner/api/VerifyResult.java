package dev.clarity.runner.api;

import java.util.List;

/** {@code ok} is true when nothing failed; {@code passed} holds criterion keys. */
public record VerifyResult(boolean ok, List<String> passed, List<Failure> failed, List<String> artifacts) {
    public VerifyResult {
        passed = List.copyOf(passed);
        failed = List.copyOf(failed);
        artifacts = List.copyOf(artifacts);
    }
}
