package dev.clarity.bot.events;

import dev.clarity.bot.github.RepoRef;
import dev.clarity.bot.markdown.Markdown;
import dev.clarity.dashboard.controls.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * The answer to {@code /clarity status}: one paragraph on where the repository's execution stands. The item's title
 * and id, the step and who started the execution are escaped with {@link Markdown}: the answer quotes the task list,
 * and asking for the status notifies nobody.
 */
final class StatusReply {
    private StatusReply() {}

    static String text(ExecutionStatus s, RepoRef repo, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append("Execution #").append(s.executionId()).append(" on ").append(Markdown.inline(repo.fullName()));
        out.append(" is **").append(Markdown.inline(s.badge())).append("**");
        if (s.taskId() == null) {
            out.append(", between items.");
        } else {
            out.append(": item ").append(Markdown.inline(s.taskId()));
            if (s.taskTitle() != null) {
                out.append(" (")
                        .append(Markdown.inline(s.taskTitle(), Markdown.TITLE_LIMIT))
                        .append(')');
            }
            out.append(" at ").append(Markdown.inline(s.step()));
            if (s.attempt() > 0) {
                out.append(", repair attempt ").append(s.attempt());
            }
            out.append('.');
        }
        out.append(' ');
        if (s.total() == 0) {
            out.append("The task list is not read yet");
        } else {
            out.append(s.done())
                    .append(" of ")
                    .append(s.total())
                    .append(" items done (")
                    .append(Math.round(100f * s.done() / s.total()))
                    .append("%)");
        }
        if (s.startedAt() != null) {
            out.append("; started ")
                    .append(ago(Duration.between(s.startedAt(), now)))
                    .append(" ago");
            if (s.requestedBy() != null) {
                out.append(" by ").append(Markdown.inline("@" + s.requestedBy()));
            }
        }
        if (s.stopAfter() != null) {
            out.append("; stops after ").append(Markdown.inline(s.stopAfter()));
        }
        out.append(". The progress comment shows the whole task tree.");
        return out.toString();
    }

    private static String ago(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
    }
}
