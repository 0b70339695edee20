package dev.clarity.runner.tools;

import java.util.List;

/** What applying a model's answer to the workspace came to. */
public sealed interface AnswerOutcome {
    /** These workspace-relative files were written or patched. */
    record Applied(List<String> files) implements AnswerOutcome {}

    /** Nothing was written: {@code path} would leave the workspace (or the patch did not apply). */
    record Refused(String path, String reason) implements AnswerOutcome {}

    /** The answer held neither a unified diff nor fenced files. */
    record NothingToApply() implements AnswerOutcome {}
}
