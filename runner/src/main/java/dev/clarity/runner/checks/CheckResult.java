package dev.clarity.runner.checks;

/**
 * The verdict on one criterion: {@code summary} is one redacted sentence, {@code location} is {@code file:line} when
 * known (else null), {@code evidence} the workspace-relative evidence file (else null).
 */
public record CheckResult(String key, boolean passed, String summary, String location, String evidence) {
    static CheckResult pass(String key, String summary, String evidence) {
        return new CheckResult(key, true, summary, null, evidence);
    }

    static CheckResult fail(String key, String summary, String location, String evidence) {
        return new CheckResult(key, false, summary, location, evidence);
    }
}
