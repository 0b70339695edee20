package dev.clarity.bot.outbox;

import dev.clarity.bot.github.GitHubGateway;
import dev.clarity.bot.github.RepoRef;

/**
 * One GitHub write waiting in the outbox. {@link #key()} names what is written: a newer write with the same key
 * replaces a pending one (the next progress update of an execution), so only the newest is written.
 */
public sealed interface PendingWrite {
    long installationId();

    RepoRef repo();

    String key();

    /**
     * The execution's progress comment on the issue it was started from: made once, then edited by its stored id;
     * {@code marker} (a line of {@code body}) recovers the id after a crash, among Clarity's own comments only.
     */
    record Progress(long installationId, RepoRef repo, int issueNumber, long executionId, String marker, String body)
            implements PendingWrite {
        public Progress {
            requireMarker(marker, body);
        }

        @Override
        public String key() {
            return "progress/" + executionId;
        }
    }

    /** The one reply to the command in comment {@code commentId}; made and found again like {@link Progress}. */
    record Reply(long installationId, RepoRef repo, int issueNumber, long commentId, String marker, String body)
            implements PendingWrite {
        public Reply {
            requireMarker(marker, body);
        }

        @Override
        public String key() {
            return "reply/" + repo.fullName() + "/" + commentId;
        }
    }

    /** A reaction ({@code eyes}, {@code +1}, …) on comment {@code commentId}; adding it twice is harmless. */
    record Reaction(long installationId, RepoRef repo, long commentId, String content) implements PendingWrite {
        @Override
        public String key() {
            return "reaction/" + repo.fullName() + "/" + commentId + "/" + content;
        }
    }

    private static void requireMarker(String marker, String body) {
        if (!GitHubGateway.holdsMarker(body, marker)) {
            throw new IllegalArgumentException("a comment found by its marker must hold it as a line: " + marker);
        }
    }
}
