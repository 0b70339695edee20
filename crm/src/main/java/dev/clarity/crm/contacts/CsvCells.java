package dev.clarity.crm.contacts;

/**
 * Cells of a CSV Clarity exports. A cell that a spreadsheet would run as a formula (it starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return) gets a leading apostrophe, so an address or a name
 * someone typed as {@code =HYPERLINK(…)} stays text when the export is opened.
 */
public final class CsvCells {
    private CsvCells() {}

    public static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell
                : cell;
    }
}
