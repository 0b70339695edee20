package dev.clarity.dashboard.campaigns;

import dev.clarity.crm.campaigns.Campaign;
import java.time.OffsetDateTime;

/** A campaign as {@code /api/campaigns} writes it: the record's fields with the progress's percentage spelled out. */
record CampaignJson(
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

    record Progress(int percent, int contacts, int queued, int suppressed, int sent, int failed) {}

    static CampaignJson of(Campaign c) {
        Campaign.Progress p = c.progress();
        return new CampaignJson(
                c.id(),
                c.listId(),
                c.listName(),
                c.subject(),
                c.body(),
                c.state(),
                c.sendAt(),
                c.perMinute(),
                c.startedAt(),
                c.finishedAt(),
                new Progress(p.percent(), p.contacts(), p.queued(), p.suppressed(), p.sent(), p.failed()));
    }
}
