package dev.clarity.bot.orchestrator;

import java.util.List;
import java.util.Optional;

/**
 * Items held mid-way for approval ({@link Hold}), per execution. A new hold of an item drops its earlier open one; a
 * retry, skip or takeover drops the open one too, so that approval only ever continues the hold a person saw.
 */
public interface Holds {
    /** Records a hold of {@code taskId}; returns its id. */
    long hold(long executionId, String taskId, Hold.Request request);

    /** The item's hold that waits for approval, if any. */
    Optional<Hold> openHold(long executionId, String taskId);

    /** Marks the item's open hold approved by {@code login}. */
    void approveHold(long holdId, String login);

    /** The item's approved holds (oldest first). */
    List<Hold> approvedHolds(long executionId, String taskId);

    /** The kept change of an approved protected hold was put back in the workspace. */
    void holdReleased(long holdId);

    /** Drops the item's open hold (a retry, skip or takeover replaced it). */
    void dropHolds(long executionId, String taskId);
}
