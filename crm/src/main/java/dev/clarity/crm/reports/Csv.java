package dev.clarity.crm.reports;

import java.util.List;

/**
 * CSV as RFC 4180 spells it (comma, CRLF, quotes doubled), safe to open in a spreadsheet: a cell starting with
 * {@code = + - @} (or a tab or carriage return) gets a leading apostrophe so it is never read as a formula.
 */
public final class Csv {
    private Csv() {}

    public static String of(List<List<String>> rows) {
        StringBuilder b = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(cell(row.get(i)));
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** The report as CSV: one line per row, amounts as plain numbers with their currency in its own column. */
    public static String of(BillableHours report) {
        List<List<String>> rows = new java.util.ArrayList<>();
        rows.add(List.of(
                "customer",
                "project",
                "person",
                "month",
                "hours",
                "unbilled_hours",
                "amount",
                "currency",
                "amount_" + report.baseCurrency().toLowerCase()));
        for (HoursRow r : report.rows()) {
            rows.add(List.of(
                    r.customer(),
                    r.project(),
                    r.person(),
                    r.month().toString(),
                    r.hours().toPlainString(),
                    r.unbilledHours().toPlainString(),
                    r.amount() == null ? "" : r.amount().amount().toPlainString(),
                    r.amount() == null ? "" : r.amount().currency().getCurrencyCode(),
                    r.amountInBase() == null ? "" : r.amountInBase().amount().toPlainString()));
        }
        return of(rows);
    }
}
