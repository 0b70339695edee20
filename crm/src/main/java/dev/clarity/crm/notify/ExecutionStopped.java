package dev.clarity.crm.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * An execution stopped running for a reason people hear of. {@code eventSeq} is the sequence number of the
 * transition's row in the execution's event log: with the execution it names the event, and every mail about it
 * is keyed by the two, so the same event never queues a second mail.
 *
 * @param requestedBy the login that started the execution, when there was one
 * @param taskId the item it stopped at, when there was one
 * @param note the one sentence saying why it stopped
 */
public record ExecutionStopped(
        long executionId,
        long projectId,
        StopKind kind,
        Optional<String> requestedBy,
        Optional<String> taskId,
        String note,
        long eventSeq,
        Instant at) {

    /** The key of this event, shared by every mail about it. */
    public String eventKey() {
        return "execution-" + executionId + "-event-" + eventSeq;
    }
}
