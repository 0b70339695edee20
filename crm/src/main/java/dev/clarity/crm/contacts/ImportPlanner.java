package dev.clarity.crm.contacts;

import dev.clarity.crm.contacts.RowVerdict.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dry run: judges every row of a mapped CSV against the list's addresses and the suppression list, without
 * touching the database. Pure: the caller reads {@code onList} and {@code suppressed} first. The checks run in the
 * order a person fixes a file: the address, then required fields, then duplicates, then the list and suppressions.
 */
public final class ImportPlanner {

    private ImportPlanner() {}

    public static ImportReport plan(CsvTable table, ColumnMapping mapping, Set<String> onList, Set<String> suppressed) {
        int emailColumn = table.column(mapping.emailColumn())
                .orElseThrow(
                        () -> new IllegalArgumentException("the file has no column \"" + mapping.emailColumn() + "\""));
        Optional<Integer> nameColumn = mapping.nameColumn().flatMap(table::column);
        Optional<Integer> companyColumn = mapping.companyColumn().flatMap(table::column);
        Map<String, Long> firstLine = new HashMap<>();
        List<RowVerdict> verdicts = new ArrayList<>(table.rows().size());
        for (CsvTable.Row row : table.rows()) {
            String rawEmail = CsvTable.cell(row, emailColumn).orElse("");
            String name = nameColumn.flatMap(c -> CsvTable.cell(row, c)).orElse("");
            String company = companyColumn.flatMap(c -> CsvTable.cell(row, c)).orElse("");
            Optional<String> email = EmailAddress.normalise(rawEmail);
            if (email.isEmpty()) {
                String why = rawEmail.isEmpty()
                        ? "the email cell is empty"
                        : "\"" + shorten(rawEmail) + "\" is not an email address";
                verdicts.add(new RowVerdict(row.line(), rawEmail, name, company, Verdict.INVALID_EMAIL, why));
                continue;
            }
            String address = email.get();
            if (mapping.nameRequired() && name.isEmpty()) {
                verdicts.add(new RowVerdict(
                        row.line(), address, name, company, Verdict.MISSING_FIELD, "the name is required and empty"));
                continue;
            }
            if (mapping.companyRequired() && company.isEmpty()) {
                verdicts.add(new RowVerdict(
                        row.line(),
                        address,
                        name,
                        company,
                        Verdict.MISSING_FIELD,
                        "the company is required and empty"));
                continue;
            }
            Long earlier = firstLine.putIfAbsent(address, row.line());
            if (earlier != null) {
                verdicts.add(new RowVerdict(
                        row.line(),
                        address,
                        name,
                        company,
                        Verdict.DUPLICATE_IN_FILE,
                        "line " + earlier + " has the same address"));
            } else if (onList.contains(address)) {
                verdicts.add(new RowVerdict(
                        row.line(), address, name, company, Verdict.ALREADY_ON_LIST, "already on the list"));
            } else if (suppressed.contains(address)) {
                verdicts.add(new RowVerdict(
                        row.line(),
                        address,
                        name,
                        company,
                        Verdict.SUPPRESSED,
                        "unsubscribed or undeliverable: never imported again"));
            } else {
                verdicts.add(new RowVerdict(row.line(), address, name, company, Verdict.NEW, ""));
            }
        }
        return new ImportReport(verdicts);
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
