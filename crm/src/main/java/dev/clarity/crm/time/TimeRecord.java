package dev.clarity.crm.time;

import java.time.Instant;

/**
 * Time a person worked on a project, as stored.
 *
 * @param projectTaskId the project task it was worked on, or null for the project as a whole
 * @param seconds what was worked
 * @param billableSeconds {@code seconds} after the project's rounding when it was recorded
 * @param source {@code timer} or {@code manual}
 * @param billedInvoiceId the issued invoice that billed it, or null while unbilled
 * @param deletedAt when it was deleted (it stays, with its trail), or null
 */
public record TimeRecord(
        long id,
        long personId,
        long projectId,
        Long projectTaskId,
        Instant startedAt,
        long seconds,
        long billableSeconds,
        boolean billable,
        String note,
        String source,
        Long billedInvoiceId,
        Instant deletedAt) {

    public Instant endsAt() {
        return startedAt.plusSeconds(seconds);
    }

    /** The record as the audit trail keeps it: a small JSON object of the fields a correction may change. */
    public String toJson() {
        return "{\"projectId\":" + projectId + ",\"projectTaskId\":" + projectTaskId + ",\"startedAt\":\"" + startedAt
                + "\",\"seconds\":" + seconds + ",\"billableSeconds\":" + billableSeconds + ",\"billable\":" + billable
                + ",\"note\":" + (note == null ? "null" : quote(note)) + (deletedAt == null ? "" : ",\"deleted\":true")
                + "}";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
