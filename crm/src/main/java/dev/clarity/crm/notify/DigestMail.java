package dev.clarity.crm.notify;

import java.util.List;

/** What the digest templates render: one person's events of a day. */
public record DigestMail(String greeting, String day, List<Line> lines, String settingsLink) {
    public DigestMail {
        lines = List.copyOf(lines);
    }

    /** One event: its sentence and the execution's page. */
    public record Line(String text, String link) {}

    public String subject() {
        return "Clarity: " + lines.size() + (lines.size() == 1 ? " execution event" : " execution events") + " on "
                + day;
    }
}
