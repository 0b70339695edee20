package dev.clarity.crm.contacts;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;

/**
 * An uploaded CSV as read: its header names, its data rows with the line each starts on (the header is line 1), and
 * what was found out about the file (charset, separator) so the mapping page can say it.
 */
public record CsvTable(List<String> headers, List<Row> rows, Charset charset, char separator) {

    public CsvTable {
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
    }

    /** One data row; {@code cells} may be shorter or longer than the header. */
    public record Row(long line, List<String> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** The column's index by header name (exact, then ignoring case and surrounding blanks). */
    public Optional<Integer> column(String name) {
        int exact = headers.indexOf(name);
        if (exact >= 0) {
            return Optional.of(exact);
        }
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).strip().equalsIgnoreCase(name.strip())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The cell of {@code row} in {@code column}, blank-stripped; empty when the row is short or the cell blank. */
    public static Optional<String> cell(Row row, int column) {
        if (column >= row.cells().size()) {
            return Optional.empty();
        }
        String value = row.cells().get(column).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
