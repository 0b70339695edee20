package dev.clarity.crm.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which CSV column holds each contact field, chosen on the mapping page. The email column is always required; the
 * name and company columns are optional, and each may be marked required, in which case a row without it is refused
 * in the dry run.
 */
public record ColumnMapping(
        String emailColumn,
        Optional<String> nameColumn,
        Optional<String> companyColumn,
        boolean nameRequired,
        boolean companyRequired) {

    public ColumnMapping {
        emailColumn = emailColumn == null ? "" : emailColumn.strip();
    }

    /** A first guess from the header: the columns called email/e-mail/mail, name, company/organisation. */
    public static ColumnMapping guess(List<String> headers) {
        String email = find(headers, "email", "e-mail", "mail", "email address", "e-mail address")
                .orElse("");
        return new ColumnMapping(
                email,
                find(headers, "name", "full name", "contact", "contact name"),
                find(headers, "company", "organisation", "organization", "firm"),
                false,
                false);
    }

    /** Problems with the mapping itself (a column the file does not have), each naming the column. */
    public List<String> problems(CsvTable table) {
        List<String> problems = new ArrayList<>();
        if (emailColumn.isEmpty()) {
            problems.add("choose the column that holds the email address");
        } else if (table.column(emailColumn).isEmpty()) {
            problems.add("the file has no column \"" + emailColumn + "\"");
        }
        nameColumn
                .filter(c -> table.column(c).isEmpty())
                .ifPresent(c -> problems.add("the file has no column \"" + c + "\""));
        companyColumn
                .filter(c -> table.column(c).isEmpty())
                .ifPresent(c -> problems.add("the file has no column \"" + c + "\""));
        if (nameRequired && nameColumn.isEmpty()) {
            problems.add("a required name needs a name column");
        }
        if (companyRequired && companyColumn.isEmpty()) {
            problems.add("a required company needs a company column");
        }
        return problems;
    }

    private static Optional<String> find(List<String> headers, String... names) {
        for (String name : names) {
            for (String header : headers) {
                if (header.strip().equalsIgnoreCase(name)) {
                    return Optional.of(header);
                }
            }
        }
        return Optional.empty();
    }
}
