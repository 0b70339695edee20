package dev.clarity.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContactPagesTest {
    private static TestDashboard d;
    private static HttpSession mia;

    @BeforeAll
    static void signIn() {
        d = TestDashboard.shared();
        mia = HttpSession.signedIn(d, "mia");
    }

    private static long newList(String name) {
        HttpResponse<String> created = mia.post("/contacts", Map.of("name", name), true);
        assertThat(created.statusCode()).isEqualTo(303);
        String location = created.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private static String uploadPath(HttpResponse<String> uploaded) {
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
        return uploaded.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void a_csv_with_bad_rows_is_mapped_dry_run_and_imported_once_with_only_its_good_rows() {
        long list = newList("Newsletter " + System.nanoTime());
        String csv = "\uFEFFE-Mail;Name;Firma\n"
                + "ana@example.com;Ana;Acme\n"
                + "not-an-address;Bo;Acme\n"
                + "ANA@example.com;Ana twice;Acme\n"
                + "=cmd@example.com;=HYPERLINK(\"http://x\");Evil\n";
        String mapping = uploadPath(mia.upload(
                "/contacts/" + list + "/uploads", "file", "people.csv", csv.getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> guessed = mia.get(mapping);
        assertThat(guessed.statusCode()).isEqualTo(200);
        assertThat(guessed.body()).contains("Read 4 rows (UTF-8, separated by \";\").");
        assertThat(guessed.body()).contains("<option value=\"E-Mail\" selected>");

        HttpResponse<String> dryRun = mia.get(mapping + "?email=E-Mail&name=Name&company=");
        assertThat(dryRun.body())
                .contains("data-verdict=\"NEW\">new: 2")
                .contains("data-verdict=\"INVALID_EMAIL\">invalid email: 1")
                .contains("data-verdict=\"DUPLICATE_IN_FILE\">duplicate in file: 1")
                .contains("<tr data-line=\"3\"><td>3</td><td>not-an-address</td>")
                .contains("line 2 has the same address");
        assertThat(mia.get("/api/contacts?list=" + list).body()).contains("\"items\":[]");

        String uploadId = mapping.substring(mapping.lastIndexOf('/') + 1);
        HttpResponse<String> imported =
                mia.post("/contacts/uploads/" + uploadId + "/import", Map.of("email", "E-Mail", "name", "Name"), true);
        assertThat(imported.statusCode()).isEqualTo(303);
        assertThat(mia.get(imported.headers().firstValue("Location").orElseThrow())
                        .body())
                .contains("Imported 2 contact(s); 2 row(s) left out.")
                .contains("<td>ana@example.com</td><td>Ana</td>");

        HttpResponse<String> again =
                mia.post("/contacts/uploads/" + uploadId + "/import", Map.of("email", "E-Mail", "name", "Name"), true);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("this file was imported already");
        assertThat(mia.get("/api/contacts?list=" + list).body()).containsOnlyOnce("ana@example.com");
        // "=cmd@example.com" is a valid address (RFC 5322 allows "=" in the local part); the export keeps it text
        assertThat(mia.get("/contacts/" + list + "/export.csv").body())
                .contains("'=cmd@example.com,\"'=HYPERLINK(\"\"http://x\"\")\",");
    }

    @Test
    void the_export_keeps_a_typed_formula_as_text() {
        long list = newList("Export " + System.nanoTime());
        String csv = "email,name\nzed@example.com,\"=HYPERLINK(\"\"http://evil\"\")\"\n";
        String mapping = uploadPath(
                mia.upload("/contacts/" + list + "/uploads", "file", "x.csv", csv.getBytes(StandardCharsets.UTF_8)));
        String uploadId = mapping.substring(mapping.lastIndexOf('/') + 1);
        mia.post("/contacts/uploads/" + uploadId + "/import", Map.of("email", "email", "name", "name"), true);

        HttpResponse<String> export = mia.get("/contacts/" + list + "/export.csv");

        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(export.body())
                .isEqualTo("email,name,company\r\nzed@example.com,\"'=HYPERLINK(\"\"http://evil\"\")\",\r\n");
    }

    @Test
    void an_upload_over_the_limit_an_empty_upload_and_an_unreadable_file_are_refused_with_a_reason() {
        long list = newList("Limits " + System.nanoTime());

        HttpResponse<String> big =
                mia.upload("/contacts/" + list + "/uploads", "file", "big.csv", new byte[10 * 1024 * 1024 + 1]);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("the limit is 10 MB");

        HttpResponse<String> empty = mia.upload("/contacts/" + list + "/uploads", "file", "empty.csv", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("Choose a CSV file to upload.");

        String broken = uploadPath(mia.upload(
                "/contacts/" + list + "/uploads",
                "file",
                "broken.csv",
                "email\n\"a@example.com\n".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> page = mia.get(broken);
        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("the file is not valid CSV");
        assertThat(mia.get("/api/contacts?list=" + list).body()).contains("\"items\":[]");
    }
}
