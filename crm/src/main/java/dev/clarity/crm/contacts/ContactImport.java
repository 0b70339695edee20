package dev.clarity.crm.contacts;

import java.util.List;

/**
 * The import's three steps over one stored upload: read it (the mapping page shows the header and a guess), dry-run
 * it with a mapping (nothing is written), and confirm (the dry run is done again against the database as it is now,
 * then the new rows are saved). Thread-safe.
 */
public final class ContactImport {
    private final JooqContactStore store;
    private final CsvReader reader;

    public ContactImport(JooqContactStore store, CsvReader reader) {
        this.store = store;
        this.reader = reader;
    }

    /** The upload's table, or why it cannot be read. */
    public CsvRead read(Upload upload) {
        return reader.read(upload.content());
    }

    /** The dry run: every row's verdict, or a refusal naming what is wrong with the file or the mapping. */
    public DryRun dryRun(Upload upload, ColumnMapping mapping) {
        CsvRead read = reader.read(upload.content());
        if (read instanceof CsvRead.Unreadable u) {
            return new DryRun.Refused(List.of(u.reason()));
        }
        CsvTable table = ((CsvRead.Read) read).table();
        List<String> problems = mapping.problems(table);
        if (!problems.isEmpty()) {
            return new DryRun.Refused(problems);
        }
        int emailColumn = table.column(mapping.emailColumn()).orElseThrow();
        List<String> addresses = table.rows().stream()
                .map(r -> CsvTable.cell(r, emailColumn).flatMap(EmailAddress::normalise))
                .flatMap(java.util.Optional::stream)
                .distinct()
                .toList();
        return new DryRun.Planned(
                table,
                ImportPlanner.plan(
                        table, mapping, store.onList(upload.listId(), addresses), store.suppressed(addresses)));
    }

    /** Runs the dry run again and saves its new rows; nothing is saved when the file or mapping is refused. */
    public ImportOutcome confirm(Upload upload, ColumnMapping mapping, String actor) {
        return switch (dryRun(upload, mapping)) {
            case DryRun.Refused r -> new ImportOutcome.Refused(String.join("; ", r.problems()));
            case DryRun.Planned p -> store.commit(upload.id(), p.report(), actor);
        };
    }

    /** A dry run's result. */
    public sealed interface DryRun {
        /** Every row judged. */
        record Planned(CsvTable table, ImportReport report) implements DryRun {}

        /** The file or the mapping is wrong; each problem is a sentence. */
        record Refused(List<String> problems) implements DryRun {
            public Refused {
                problems = List.copyOf(problems);
            }
        }
    }
}
