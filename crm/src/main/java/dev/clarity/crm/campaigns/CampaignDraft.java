package dev.clarity.crm.campaigns;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A campaign form checked: a list, a subject (one line, at most 200 characters), a body, a rate of 1 to 10,000 mails
 * a minute and an optional start time. {@link #check} returns the errors per field, empty when the form is good.
 */
public record CampaignDraft(long listId, String subject, String body, int perMinute, Optional<OffsetDateTime> sendAt) {

    /** The checked draft, or the message per field. */
    public sealed interface Checked {
        record Good(CampaignDraft draft) implements Checked {}

        record Bad(Map<String, String> errors) implements Checked {}
    }

    public static Checked check(Map<String, String> form, java.util.function.LongPredicate listExists) {
        Map<String, String> errors = new LinkedHashMap<>();
        long list = -1;
        try {
            list = Long.parseLong(form.getOrDefault("list", "").strip());
            if (!listExists.test(list)) {
                errors.put("list", "choose one of the contact lists");
            }
        } catch (NumberFormatException e) {
            errors.put("list", "choose one of the contact lists");
        }
        String subject = form.getOrDefault("subject", "").strip();
        if (subject.isEmpty() || subject.length() > 200 || subject.matches("(?s).*[\r\n].*")) {
            errors.put("subject", "write a subject of one line, at most 200 characters");
        }
        String body = form.getOrDefault("body", "").strip();
        if (body.isEmpty() || body.length() > 50_000) {
            errors.put("body", "write the text of the mail (at most 50,000 characters)");
        }
        int rate = 0;
        try {
            rate = Integer.parseInt(form.getOrDefault("per_minute", "60").strip());
            if (rate < 1 || rate > 10_000) {
                errors.put("per_minute", "send between 1 and 10,000 mails a minute");
            }
        } catch (NumberFormatException e) {
            errors.put("per_minute", "send between 1 and 10,000 mails a minute");
        }
        Optional<OffsetDateTime> sendAt = Optional.empty();
        String at = form.getOrDefault("send_at", "").strip();
        if (!at.isEmpty()) {
            try {
                sendAt = Optional.of(OffsetDateTime.parse(at));
            } catch (DateTimeParseException e) {
                errors.put("send_at", "give the start as 2026-12-24T09:00:00Z, or leave it empty to start at once");
            }
        }
        return errors.isEmpty()
                ? new Checked.Good(new CampaignDraft(list, subject, body, rate, sendAt))
                : new Checked.Bad(errors);
    }
}
