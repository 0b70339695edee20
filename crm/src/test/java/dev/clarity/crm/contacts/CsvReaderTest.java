package dev.clarity.crm.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    private final CsvReader reader = new CsvReader(1_000);

    private CsvTable read(byte[] bytes) {
        CsvRead read = reader.read(bytes);
        assertThat(read).isInstanceOf(CsvRead.Read.class);
        return ((CsvRead.Read) read).table();
    }

    @Test
    void a_utf8_byte_order_mark_is_dropped_before_the_first_header() {
        byte[] body = "Email,Name\nana@example.com,Ana\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        CsvTable table = read(withBom);

        assertThat(table.headers()).containsExactly("Email", "Name");
        assertThat(table.column("email")).contains(0);
    }

    @Test
    void semicolon_separated_latin1_files_from_spreadsheets_are_read_with_their_accents() {
        byte[] latin1 = "E-Mail;Name;Firma\nzoe@example.de;Zoë Müller;Bäckerei\n".getBytes(StandardCharsets.ISO_8859_1);

        CsvTable table = read(latin1);

        assertThat(table.separator()).isEqualTo(';');
        assertThat(table.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(table.rows().getFirst().cells()).containsExactly("zoe@example.de", "Zoë Müller", "Bäckerei");
    }

    @Test
    void quoted_fields_keep_separators_quotes_and_line_breaks_and_rows_keep_their_line_numbers() {
        String csv = "email,name,company\n"
                + "a@example.com,\"Doe, Jane\",\"The \"\"Best\"\" Co\"\n"
                + "b@example.com,Bob,\"Two\nlines\"\n"
                + "c@example.com,Cy,Solo\n";

        CsvTable table = read(csv.getBytes(StandardCharsets.UTF_8));

        assertThat(table.separator()).isEqualTo(',');
        assertThat(table.rows()).extracting(CsvTable.Row::line).containsExactly(2L, 3L, 5L);
        assertThat(table.rows().get(0).cells()).containsExactly("a@example.com", "Doe, Jane", "The \"Best\" Co");
        assertThat(table.rows().get(1).cells().get(2)).isEqualTo("Two\nlines");
    }

    @Test
    void an_unclosed_quote_is_refused_with_a_reason_instead_of_a_partial_table() {
        CsvRead read = reader.read("email,name\na@example.com,\"never closed\n".getBytes(StandardCharsets.UTF_8));

        assertThat(read).isInstanceOf(CsvRead.Unreadable.class);
        assertThat(((CsvRead.Unreadable) read).reason()).startsWith("the file is not valid CSV");
    }

    @Test
    void empty_files_and_files_over_the_row_limit_are_refused_naming_why() {
        assertThat(reader.read(new byte[0])).isEqualTo(new CsvRead.Unreadable("the file is empty"));
        StringBuilder big = new StringBuilder("email\n");
        for (int i = 0; i < 1_001; i++) {
            big.append("p").append(i).append("@example.com\n");
        }

        CsvRead read = reader.read(big.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(read)
                .isEqualTo(new CsvRead.Unreadable("the file has more than 1000 rows; split it into smaller files"));
    }

    @Test
    void the_separator_is_the_most_frequent_one_outside_quotes_in_the_header() {
        assertThat(CsvReader.separator("\"a;b;c\",d,e\n;;;;")).isEqualTo(',');
        assertThat(CsvReader.separator("a;b;c")).isEqualTo(';');
        assertThat(CsvReader.separator("a\tb\tc")).isEqualTo('\t');
        assertThat(CsvReader.separator("email")).isEqualTo(',');
    }
}
