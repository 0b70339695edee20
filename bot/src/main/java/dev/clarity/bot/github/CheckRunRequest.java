package dev.clarity.bot.github;

import java.util.List;

/**
 * What a check run should say. {@code externalId} ("execution/task") finds it again; {@code status} is queued,
 * in_progress or completed; {@code conclusion} (success, failure, neutral, cancelled, action_required) only with
 * completed; {@code title}, {@code summary}, {@code text} may be null. GitHub takes at most {@link #ANNOTATIONS_PER_CALL}
 * annotations per call: the gateway sends more in batches (GitHub appends each batch to the run's annotations).
 */
public record CheckRunRequest(
        String name,
        String headSha,
        String externalId,
        String status,
        String conclusion,
        String detailsUrl,
        String title,
        String summary,
        String text,
        List<Annotation> annotations) {
    /** GitHub's limit on annotations in one create or update call. */
    public static final int ANNOTATIONS_PER_CALL = 50;

    public CheckRunRequest {
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    /** A line-level note on a file; {@code level} is notice, warning or failure. */
    public record Annotation(String path, int startLine, int endLine, String level, String title, String message) {}
}
