package dev.clarity.bot.orchestrator;

import dev.clarity.vocabulary.Step;
import java.util.List;

/**
 * An item held mid-way for a person's approval, as stored ({@code execution_holds}): what was held ({@code files},
 * {@code reason}, the redacted {@code diff}), and where approval continues ({@code resume} with {@code attempts}).
 * {@code digest} identifies a risky diff, so that an approved one is not held again.
 */
public record Hold(
        long id,
        String taskId,
        Kind kind,
        Step resume,
        int attempts,
        List<String> files,
        String reason,
        String diff,
        String digest,
        String approvedBy,
        boolean released) {
    public Hold {
        files = List.copyOf(files);
    }

    /** Why the item is held. */
    public enum Kind {
        /** A tool attempt changed protected files; the change is kept on the runner; approval continues at VERIFY. */
        PROTECTED(Step.VERIFY),
        /** The diff trips a {@code risk:} rule; approval continues at MERGE. */
        RISK(Step.MERGE);

        private final Step resume;

        Kind(Step resume) {
            this.resume = resume;
        }

        /** Where approval continues. */
        public Step resume() {
            return resume;
        }

        /** How the kind is stored ({@code execution_holds.kind}). */
        public String spelling() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a step asks to hold. */
    public record Request(Kind kind, int attempts, List<String> files, String reason, String diff, String digest) {
        public Request {
            files = List.copyOf(files);
        }
    }

    public boolean approved() {
        return approvedBy != null;
    }
}
