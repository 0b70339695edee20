package dev.clarity.bot.github;

/** What became of a merge request. */
public sealed interface MergeOutcome {
    /** Merged; {@code sha} is the merge commit. */
    record Merged(String sha) implements MergeOutcome {}

    /** GitHub refused (conflict, required checks, not mergeable); {@code reason} is its message. */
    record Refused(String reason) implements MergeOutcome {}
}
