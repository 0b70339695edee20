package dev.clarity.dashboard.crm;

import java.util.List;

/** A CRM list as the generic list template draws it: headers, then rows whose first cell links to the edit form. */
public record CrmTable(String kind, List<String> headers, List<Row> rows) {
    /** One record; {@code archived} rows are shown greyed with no archive button. */
    public record Row(long id, List<String> cells, boolean archived) {}
}
