package dev.clarity.crm.contacts;

import static dev.clarity.migrations.jooq.Tables.CONTACTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContactImportTest {
    private static Database database;
    private static JooqContactStore store;
    private static ContactImport imports;

    @BeforeAll
    static void database() throws Exception {
        database = Database.open(
                new DatabaseLocation.Embedded(Files.createTempDirectory("clarity-contacts-test"), false), 8, null);
        store = new JooqContactStore(database.dsl(), InstantSource.system());
        imports = new ContactImport(store, new CsvReader(50_000));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static Upload upload(long list, String csv) {
        long id = store.saveUpload(list, "contacts.csv", csv.getBytes(StandardCharsets.UTF_8), "mia");
        return store.upload(id).orElseThrow();
    }

    @Test
    void a_dry_run_saves_nothing_and_confirming_saves_only_the_new_rows_once() {
        long list = store.createList("Newsletter", "mia");
        store.suppress("Gone@example.com", "unsubscribed", "mia");
        Upload first = upload(list, "email,name\nkept@example.com,Kept\n");
        assertThat(imports.confirm(first, ColumnMapping.guess(java.util.List.of("email", "name")), "mia"))
                .isEqualTo(new ImportOutcome.Imported(1, 0));
        Upload second =
                upload(list, "email,name\nnew@example.com,New\nkept@example.com,Kept\ngone@example.com,G\nbad,B\n");
        ColumnMapping mapping = new ColumnMapping("email", Optional.of("name"), Optional.empty(), false, false);

        var dryRun = (ContactImport.DryRun.Planned) imports.dryRun(second, mapping);

        assertThat(dryRun.report().rows())
                .extracting(RowVerdict::verdict)
                .containsExactly(
                        RowVerdict.Verdict.NEW,
                        RowVerdict.Verdict.ALREADY_ON_LIST,
                        RowVerdict.Verdict.SUPPRESSED,
                        RowVerdict.Verdict.INVALID_EMAIL);
        assertThat(store.contacts(list, 0, 100)).extracting(Contact::email).containsExactly("kept@example.com");

        assertThat(imports.confirm(second, mapping, "mia")).isEqualTo(new ImportOutcome.Imported(1, 3));
        assertThat(imports.confirm(second, mapping, "mia"))
                .isInstanceOf(ImportOutcome.Refused.class)
                .extracting(o -> ((ImportOutcome.Refused) o).reason())
                .asString()
                .startsWith("this file was imported already");
        assertThat(store.contacts(list, 0, 100))
                .extracting(Contact::email)
                .containsExactly("kept@example.com", "new@example.com");
    }

    @Test
    void a_mapping_naming_a_missing_column_is_refused_and_saves_nothing() {
        long list = store.createList("Partners", "mia");
        Upload upload = upload(list, "mail\na@example.com\n");

        ImportOutcome outcome = imports.confirm(
                upload, new ColumnMapping("email", Optional.empty(), Optional.empty(), false, false), "mia");

        assertThat(outcome).isEqualTo(new ImportOutcome.Refused("the file has no column \"email\""));
        assertThat(store.contacts(list, 0, 10)).isEmpty();
        assertThat(store.upload(upload.id()).orElseThrow().importedAt()).isNull();
    }

    @Test
    void two_imports_of_overlapping_files_racing_on_one_list_never_make_a_duplicate() throws Exception {
        long list = store.createList("Race", "mia");
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i < 2_000; i++) {
            csv.append("p").append(i).append("@example.com\n");
        }
        Upload a = upload(list, csv.toString());
        Upload b = upload(list, csv.toString());
        ColumnMapping mapping = ColumnMapping.guess(java.util.List.of("email"));
        try (var pool = Executors.newFixedThreadPool(2)) {
            var fa = pool.submit((Callable<ImportOutcome>) () -> imports.confirm(a, mapping, "mia"));
            var fb = pool.submit((Callable<ImportOutcome>) () -> imports.confirm(b, mapping, "mia"));
            int saved = ((ImportOutcome.Imported) fa.get()).saved() + ((ImportOutcome.Imported) fb.get()).saved();
            assertThat(saved).isEqualTo(2_000);
        }
        assertThat(database.dsl().fetchCount(CONTACTS, CONTACTS.LIST_ID.eq(list)))
                .isEqualTo(2_000);
    }

    @Test
    void ten_thousand_contacts_import_with_mixed_case_duplicates_folded_into_one() {
        long list = store.createList("Big", "mia");
        StringBuilder csv = new StringBuilder("Email;Name\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append(i % 1000 == 0 ? "P" : "p")
                    .append(i)
                    .append("@Example.com;Person ")
                    .append(i)
                    .append('\n');
        }
        csv.append("P5@example.com;Again\n");

        ImportOutcome outcome = imports.confirm(
                upload(list, csv.toString()), ColumnMapping.guess(java.util.List.of("Email", "Name")), "mia");

        assertThat(outcome).isEqualTo(new ImportOutcome.Imported(10_000, 1));
        assertThat(database.dsl().fetchCount(CONTACTS, CONTACTS.LIST_ID.eq(list)))
                .isEqualTo(10_000);
        assertThat(store.contacts(list, 0, 1).getFirst().email()).isEqualTo("p0@example.com");
    }
}
