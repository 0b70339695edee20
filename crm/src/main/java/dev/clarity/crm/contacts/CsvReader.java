package dev.clarity.crm.contacts;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an uploaded CSV the way spreadsheets write them: a UTF-8 byte-order mark is dropped; the bytes are UTF-8 when
 * they decode as UTF-8, else Latin-1 (ISO 8859-1, what older spreadsheet exports use); the separator is whichever of
 * comma, semicolon and tab occurs most in the header line outside quotes. Quoted fields may hold separators, quotes
 * and line breaks. At most {@code maxRows} data rows are read: a bigger file is refused, not cut short.
 */
public final class CsvReader {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final int maxRows;

    public CsvReader(int maxRows) {
        this.maxRows = maxRows;
    }

    public CsvRead read(byte[] bytes) {
        boolean bom =
                bytes.length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2];
        int offset = bom ? 3 : 0;
        Charset charset = bom || isUtf8(bytes, offset) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String text = new String(bytes, offset, bytes.length - offset, charset);
        if (text.isBlank()) {
            return new CsvRead.Unreadable("the file is empty");
        }
        char separator = separator(text);
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(separator)
                .setIgnoreEmptyLines(true)
                .get();
        List<String> headers = null;
        List<CsvTable.Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            long nextLine = 1;
            for (CSVRecord record : parser) {
                long line = nextLine;
                nextLine = parser.getCurrentLineNumber() + 1;
                List<String> cells = record.toList();
                if (headers == null) {
                    headers = cells.stream().map(String::strip).toList();
                    continue;
                }
                if (rows.size() == maxRows) {
                    return new CsvRead.Unreadable(
                            "the file has more than " + maxRows + " rows; split it into smaller files");
                }
                rows.add(new CsvTable.Row(line, cells));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading an uploaded CSV from memory", e);
        } catch (UncheckedIOException | IllegalStateException e) {
            // Commons CSV reports an unclosed quote as an UncheckedIOException whose message names the position
            return new CsvRead.Unreadable("the file is not valid CSV: " + rootMessage(e));
        }
        if (headers == null || headers.stream().allMatch(String::isEmpty)) {
            return new CsvRead.Unreadable("the file has no header line naming its columns");
        }
        return new CsvRead.Read(new CsvTable(headers, rows, charset, separator));
    }

    private static boolean isUtf8(byte[] bytes, int offset) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The most frequent of , ; and tab in the first line, outside double quotes; a comma when none occurs. */
    static char separator(String text) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == '\t') {
                tabs++;
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
