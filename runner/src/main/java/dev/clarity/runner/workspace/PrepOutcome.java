package dev.clarity.runner.workspace;

/** What preparing a task branch came to. */
public sealed interface PrepOutcome {
    /** The branch is checked out; {@code created} is false when it already existed (a repeat or a resume). */
    record Ready(String branch, String head, boolean created) implements PrepOutcome {}

    /** The base branch does not exist locally or on the remote. */
    record MissingBase(String baseBranch) implements PrepOutcome {}

    /**
     * {@code branch} is checked out at {@code head}, standing on {@code personHead}, the head of the branch a person
     * pushed to (see {@link GitWorkspaces#adopt}).
     */
    record Adopted(String branch, String head, String personHead) implements PrepOutcome {}

    /** The person's branch and the base the item would have started from change the same lines. */
    record Conflict(String personBranch, String baseBranch) implements PrepOutcome {}

    /** The remote task branch holds commits the local branch lacks: a person pushed to it. */
    record ForeignCommits(String branch, String remoteHead) implements PrepOutcome {}
}
