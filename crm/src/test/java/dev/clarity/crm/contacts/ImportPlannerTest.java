package dev.clarity.crm.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.contacts.RowVerdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportPlannerTest {

    private static CsvTable table(String csv) {
        return ((CsvRead.Read) new CsvReader(100).read(csv.getBytes(StandardCharsets.UTF_8))).table();
    }

    @Test
    void every_row_gets_the_verdict_a_person_needs_to_fix_the_file() {
        CsvTable table = table("Email,Name,Company\n"
                + "Ana@Example.com,Ana,Acme\n" // 2 new (lower-cased)
                + "not-an-address,Bo,Acme\n" // 3 invalid
                + ",Cy,Acme\n" // 4 empty email
                + "dee@example.com,,Acme\n" // 5 name required
                + "ana@example.com,Ana again,Acme\n" // 6 duplicate of line 2
                + "old@example.com,Old,Acme\n" // 7 on the list
                + "gone@example.com,Gone,Acme\n"); // 8 suppressed
        ColumnMapping mapping = new ColumnMapping("Email", Optional.of("Name"), Optional.of("Company"), true, false);

        ImportReport report = ImportPlanner.plan(table, mapping, Set.of("old@example.com"), Set.of("gone@example.com"));

        assertThat(report.rows())
                .extracting(RowVerdict::line, RowVerdict::verdict)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, Verdict.NEW),
                        org.assertj.core.groups.Tuple.tuple(3L, Verdict.INVALID_EMAIL),
                        org.assertj.core.groups.Tuple.tuple(4L, Verdict.INVALID_EMAIL),
                        org.assertj.core.groups.Tuple.tuple(5L, Verdict.MISSING_FIELD),
                        org.assertj.core.groups.Tuple.tuple(6L, Verdict.DUPLICATE_IN_FILE),
                        org.assertj.core.groups.Tuple.tuple(7L, Verdict.ALREADY_ON_LIST),
                        org.assertj.core.groups.Tuple.tuple(8L, Verdict.SUPPRESSED));
        assertThat(report.rows().get(0).email()).isEqualTo("ana@example.com");
        assertThat(report.rows().get(1).message()).isEqualTo("\"not-an-address\" is not an email address");
        assertThat(report.rows().get(2).message()).isEqualTo("the email cell is empty");
        assertThat(report.rows().get(4).message()).isEqualTo("line 2 has the same address");
        assertThat(report.toImport()).hasSize(1);
        assertThat(report.counts()).containsEntry(Verdict.INVALID_EMAIL, 2).containsEntry(Verdict.NEW, 1);
    }

    @Test
    void the_mapping_guess_finds_the_usual_column_names_and_a_wrong_mapping_names_the_column() {
        CsvTable table = table("E-Mail;Full Name;Organisation\nx@example.com;X;Y\n");

        ColumnMapping guess = ColumnMapping.guess(table.headers());

        assertThat(guess.emailColumn()).isEqualTo("E-Mail");
        assertThat(guess.nameColumn()).contains("Full Name");
        assertThat(guess.companyColumn()).contains("Organisation");
        assertThat(guess.problems(table)).isEmpty();
        assertThat(new ColumnMapping("Mail", Optional.empty(), Optional.empty(), true, false).problems(table))
                .containsExactly("the file has no column \"Mail\"", "a required name needs a name column");
    }

    @Test
    void addresses_are_checked_without_letting_long_input_reach_the_pattern() {
        assertThat(EmailAddress.normalise(" Zoe.Q+news@Mail.Example.ORG ")).contains("zoe.q+news@mail.example.org");
        assertThat(EmailAddress.normalise("a@b")).isEmpty();
        assertThat(EmailAddress.normalise("a..b@example.com")).isEmpty();
        assertThat(EmailAddress.normalise("a@example.com,b@example.com")).isEmpty();
        assertThat(EmailAddress.normalise("a".repeat(250) + "@example.com")).isEmpty();
    }

    @Test
    void exported_cells_that_a_spreadsheet_would_run_stay_text() {
        assertThat(CsvCells.safe("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(CsvCells.safe("+1 555")).isEqualTo("'+1 555");
        assertThat(CsvCells.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.safe("ana@example.com")).isEqualTo("ana@example.com");
        assertThat(CsvCells.safe(null)).isEmpty();
    }
}
