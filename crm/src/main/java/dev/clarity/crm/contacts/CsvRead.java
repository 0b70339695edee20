package dev.clarity.crm.contacts;

/** What reading an upload gave: a table, or a sentence naming why not (with the line where there is one). */
public sealed interface CsvRead {

    /** The file was read; rows may still be judged bad by the dry run. */
    record Read(CsvTable table) implements CsvRead {}

    /** The file cannot be read as CSV at all (empty, no header, an unclosed quote, too many rows). */
    record Unreadable(String reason) implements CsvRead {}
}
