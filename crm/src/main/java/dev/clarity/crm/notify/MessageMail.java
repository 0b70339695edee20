package dev.clarity.crm.notify;

/** What the client-message mail templates render: one message a client left on a project, for one manager. */
public record MessageMail(String greeting, String customer, String project, String author, String body, String link) {
    public String subject() {
        return "Clarity: " + author + " left a message on " + project;
    }
}
