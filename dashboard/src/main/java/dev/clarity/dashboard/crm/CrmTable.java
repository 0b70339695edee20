package dev.clarity.dashboard.crm;

import java.util.List;

/** A CRM list as the generic list template draws it: headers, then rows whose first cell links to the edit form. */
public record CrmTable(String kind, List<String> headers, List<Row> rows) {
    /** One record; {@code archived} rows are shown greyed with no archive button. */
    public record Row(long id, List<String> cells, boolean archived) {}

    /** What an empty list says instead of bare headers: what the record is for and how to add the first one. */
    public String emptyHint(boolean canWrite) {
        String add = canWrite ? "Add the first one with New." : "Ask a manager or an admin to add one.";
        return switch (kind) {
            case "customers" ->
                "No customers yet. A customer groups the projects (repositories) Clarity works on for them. " + add;
            case "projects" ->
                "No projects yet. A project is a repository whose task list Clarity carries out; it belongs to a"
                        + " customer, so add the customer first. " + add;
            default -> "No people yet. " + add;
        };
    }
}
