package dev.clarity.crm.campaigns;

import java.time.OffsetDateTime;

/** A campaign as the pages show it, with its progress. */
public record Campaign(
        long id,
        long listId,
        String listName,
        String subject,
        String body,
        String state,
        OffsetDateTime sendAt,
        int perMinute,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Progress progress) {

    /**
     * How far it is: contacts on the list, recipients handled so far (queued or suppressed), and of the queued mails
     * how many were sent and how many failed for good.
     */
    public record Progress(int contacts, int queued, int suppressed, int sent, int failed) {
        /** Handled recipients as a whole percentage of the list (100 when the list is empty). */
        public int percent() {
            return contacts == 0 ? 100 : Math.min(100, (queued + suppressed) * 100 / contacts);
        }
    }
}
