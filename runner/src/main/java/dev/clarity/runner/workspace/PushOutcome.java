package dev.clarity.runner.workspace;

/** What a push without force came to. */
public sealed interface PushOutcome {
    /** The remote branch now holds the local commit (or already did). */
    record Pushed(String commit) implements PushOutcome {}

    /** The remote branch holds commits that are not ours: someone else pushed to it; nothing was overwritten. */
    record RejectedByOthers(String remoteMessage) implements PushOutcome {}

    /**
     * Nothing was pushed: the target is a working repository on this machine with the branch checked out and changes
     * of its own ({@link CheckedOutOrigin}); the same push goes through once a person made the checkout clean.
     */
    record Held(String reason) implements PushOutcome {}

    /** The server refused for another reason (permissions, hooks); {@code reason} is already redacted by the caller. */
    record Refused(String reason) implements PushOutcome {}
}
