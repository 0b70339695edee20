package dev.clarity.runner.workspace;

/** What a push without force came to. */
public sealed interface PushOutcome {
    /** The remote branch now holds the local commit (or already did). */
    record Pushed(String commit) implements PushOutcome {}

    /** The remote branch holds commits that are not ours: someone else pushed to it; nothing was overwritten. */
    record RejectedByOthers(String remoteMessage) implements PushOutcome {}

    /** The server refused for another reason (permissions, hooks); {@code reason} is already redacted by the caller. */
    record Refused(String reason) implements PushOutcome {}
}
