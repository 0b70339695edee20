package dev.clarity.benchmarks.contacts;

import dev.clarity.crm.contacts.ColumnMapping;
import dev.clarity.crm.contacts.ContactImport;
import dev.clarity.crm.contacts.CsvReader;
import dev.clarity.crm.contacts.ImportOutcome;
import dev.clarity.crm.contacts.JooqContactStore;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Imports a 10,000-row CSV (semicolon-separated, a few invalid and duplicate rows, 500 suppressed addresses) into a
 * fresh list of an embedded PostgreSQL, end to end as the confirm button does it (read, dry run against the list and
 * the suppression list, insert, mark imported), ten times after two warm-ups, and prints each run and the worst.
 * Target: under 5 s for 10,000 contacts. Run: {@code mvn -q -Pbenchmarks -pl benchmarks -am package -DskipTests &&
 * java -cp benchmarks/target/benchmarks.jar dev.clarity.benchmarks.contacts.ContactImportLoad}.
 */
public final class ContactImportLoad {
    private static final int ROWS = 10_000;

    private ContactImportLoad() {}

    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(
                new DatabaseLocation.Embedded(Files.createTempDirectory("clarity-contacts-bench"), false), 8, null)) {
            JooqContactStore store = new JooqContactStore(db.dsl(), InstantSource.system());
            ContactImport imports = new ContactImport(store, new CsvReader(100_000));
            for (int i = 0; i < 500; i++) {
                store.suppress("person" + (i * 20) + "@example.com", "unsubscribed", "bench");
            }
            byte[] csv = csv();
            ColumnMapping mapping = ColumnMapping.guess(List.of("E-Mail", "Name", "Company"));
            List<Double> runs = new ArrayList<>();
            for (int run = -2; run < 10; run++) {
                long list = store.createList("bench " + run, "bench");
                long upload = store.saveUpload(list, "contacts.csv", csv, "bench");
                long t0 = System.nanoTime();
                ImportOutcome outcome = imports.confirm(store.upload(upload).orElseThrow(), mapping, "bench");
                double ms = (System.nanoTime() - t0) / 1e6;
                if (!(outcome instanceof ImportOutcome.Imported imported) || imported.saved() != ROWS - 500) {
                    throw new IllegalStateException("unexpected outcome " + outcome);
                }
                if (run >= 0) {
                    runs.add(ms);
                    System.out.printf("run %d: %d rows, %d saved, %.0f ms%n", run, ROWS + 20, imported.saved(), ms);
                }
            }
            Collections.sort(runs);
            System.out.printf(
                    "10,000-row CSV import: median %.0f ms, worst %.0f ms (target < 5,000 ms)%n",
                    runs.get(runs.size() / 2), runs.getLast());
        }
    }

    /** 10,000 distinct addresses, 10 invalid rows, 10 in-file duplicates; 500 of the addresses are suppressed. */
    private static byte[] csv() {
        StringBuilder csv = new StringBuilder("E-Mail;Name;Company\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("Person")
                    .append(i)
                    .append("@Example.com;Person ")
                    .append(i)
                    .append(";\"Firm; ")
                    .append(i % 97)
                    .append("\"\n");
            if (i % 1_000 == 0) {
                csv.append("not an address;Bad;X\n").append("person").append(i).append("@example.com;Dup;X\n");
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
