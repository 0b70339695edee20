package dev.clarity.crm.notify;

/** What the execution mail templates render: one execution's stop, for one person. */
public record ExecutionMail(
        String greeting, String repository, long executionId, StopKind kind, String note, String link) {
    public String subject() {
        return "Clarity: " + repository + " #" + executionId + " " + kind.phrase();
    }
}
