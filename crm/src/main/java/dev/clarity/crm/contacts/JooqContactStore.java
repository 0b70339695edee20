package dev.clarity.crm.contacts;

import static dev.clarity.migrations.jooq.Tables.CONTACTS;
import static dev.clarity.migrations.jooq.Tables.CONTACT_IMPORTS;
import static dev.clarity.migrations.jooq.Tables.CONTACT_LISTS;
import static dev.clarity.migrations.jooq.Tables.SUPPRESSIONS;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;
import org.jooq.Records;
import org.jooq.impl.DSL;

/**
 * Contact lists, their contacts, stored uploads and the suppression list in PostgreSQL. Thread-safe. Imports insert
 * in chunks with {@code on conflict do nothing}, so two imports racing on one list never make a duplicate, and the
 * upload is marked imported in the same transaction, so confirming twice saves nothing the second time.
 */
public final class JooqContactStore {
    private static final int CHUNK = 1_000;

    private final DSLContext dsl;
    private final InstantSource clock;
    private final Audit audit;

    public JooqContactStore(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    /** Creates a list and audits it ({@code contacts.list-created}) in one transaction. */
    public long createList(String name, String actor) {
        return dsl.transactionResult(tx -> {
            long id = tx.dsl()
                    .insertInto(CONTACT_LISTS)
                    .set(CONTACT_LISTS.NAME, name.strip())
                    .set(CONTACT_LISTS.CREATED_BY, actor)
                    .set(CONTACT_LISTS.CREATED_AT, now())
                    .returning(CONTACT_LISTS.ID)
                    .fetchOne(CONTACT_LISTS.ID);
            audit.write(tx.dsl(), AuditEntry.of(actor, "contacts.list-created", "contact_list", id, name.strip()));
            return id;
        });
    }

    public List<ContactList> lists() {
        return dsl.select(
                        CONTACT_LISTS.ID,
                        CONTACT_LISTS.NAME,
                        DSL.field(DSL.selectCount().from(CONTACTS).where(CONTACTS.LIST_ID.eq(CONTACT_LISTS.ID))),
                        CONTACT_LISTS.CREATED_AT)
                .from(CONTACT_LISTS)
                .where(CONTACT_LISTS.ARCHIVED_AT.isNull())
                .orderBy(CONTACT_LISTS.NAME, CONTACT_LISTS.ID)
                .fetch(Records.mapping(ContactList::new));
    }

    public Optional<ContactList> list(long id) {
        return lists().stream().filter(l -> l.id() == id).findFirst();
    }

    /** A page of the list's contacts after id {@code afterId} (keyset), oldest first. */
    public List<Contact> contacts(long listId, long afterId, int limit) {
        return dsl.select(
                        CONTACTS.ID,
                        CONTACTS.LIST_ID,
                        CONTACTS.EMAIL,
                        CONTACTS.NAME,
                        CONTACTS.COMPANY,
                        CONTACTS.CREATED_AT)
                .from(CONTACTS)
                .where(CONTACTS.LIST_ID.eq(listId))
                .and(CONTACTS.ID.gt(afterId))
                .orderBy(CONTACTS.ID)
                .limit(limit)
                .fetch(Records.mapping(Contact::new));
    }

    /** Stores an uploaded file (nothing imported yet) and audits it ({@code contacts.uploaded}) in one transaction. */
    public long saveUpload(long listId, String filename, byte[] content, String actor) {
        return dsl.transactionResult(tx -> {
            long id = tx.dsl()
                    .insertInto(CONTACT_IMPORTS)
                    .set(CONTACT_IMPORTS.LIST_ID, listId)
                    .set(CONTACT_IMPORTS.FILENAME, filename)
                    .set(CONTACT_IMPORTS.CONTENT, content)
                    .set(CONTACT_IMPORTS.CREATED_BY, actor)
                    .set(CONTACT_IMPORTS.CREATED_AT, now())
                    .returning(CONTACT_IMPORTS.ID)
                    .fetchOne(CONTACT_IMPORTS.ID);
            audit.write(
                    tx.dsl(),
                    AuditEntry.of(
                            actor,
                            "contacts.uploaded",
                            "contact_list",
                            listId,
                            "upload " + id + ": " + filename + ", " + content.length + " bytes"));
            return id;
        });
    }

    public Optional<Upload> upload(long id) {
        return dsl.select(
                        CONTACT_IMPORTS.ID,
                        CONTACT_IMPORTS.LIST_ID,
                        CONTACT_IMPORTS.FILENAME,
                        CONTACT_IMPORTS.CONTENT,
                        CONTACT_IMPORTS.IMPORTED_AT)
                .from(CONTACT_IMPORTS)
                .where(CONTACT_IMPORTS.ID.eq(id))
                .fetchOptional(Records.mapping(Upload::new));
    }

    /** The addresses among {@code emails} that are on list {@code listId}. */
    public Set<String> onList(long listId, Collection<String> emails) {
        return new HashSet<>(dsl.select(CONTACTS.EMAIL)
                .from(CONTACTS)
                .where(CONTACTS.LIST_ID.eq(listId))
                .and(CONTACTS.EMAIL.eq(DSL.any(emails.toArray(String[]::new))))
                .fetch(CONTACTS.EMAIL));
    }

    /** The addresses among {@code emails} on the suppression list. */
    public Set<String> suppressed(Collection<String> emails) {
        return new HashSet<>(dsl.select(SUPPRESSIONS.EMAIL)
                .from(SUPPRESSIONS)
                .where(SUPPRESSIONS.EMAIL.eq(DSL.any(emails.toArray(String[]::new))))
                .fetch(SUPPRESSIONS.EMAIL));
    }

    public boolean isSuppressed(String email) {
        return dsl.fetchExists(SUPPRESSIONS, SUPPRESSIONS.EMAIL.eq(email.toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * Puts the address on the suppression list (idempotent: the first reason and time are kept) and audits it
     * ({@code suppression.added}) when it was not there yet, in one transaction.
     */
    public void suppress(String email, String reason, String actor) {
        String address = email.toLowerCase(java.util.Locale.ROOT);
        dsl.transaction(tx -> {
            int added = tx.dsl()
                    .insertInto(SUPPRESSIONS)
                    .set(SUPPRESSIONS.EMAIL, address)
                    .set(SUPPRESSIONS.REASON, reason)
                    .set(SUPPRESSIONS.AT, now())
                    .onConflictDoNothing()
                    .execute();
            if (added == 1) {
                audit.write(tx.dsl(), new AuditEntry(actor, "suppression.added", "suppression", address, reason));
            }
        });
    }

    /**
     * Saves the report's new rows on the upload's list and marks the upload imported, in one transaction; refused when
     * the upload was imported already (nothing is saved twice). The import is audited ({@code contacts.imported}, with
     * the counts) in the same transaction.
     */
    public ImportOutcome commit(long uploadId, ImportReport report, String actor) {
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            var upload = t.select(CONTACT_IMPORTS.LIST_ID, CONTACT_IMPORTS.IMPORTED_AT)
                    .from(CONTACT_IMPORTS)
                    .where(CONTACT_IMPORTS.ID.eq(uploadId))
                    .forUpdate()
                    .fetchOptional();
            if (upload.isEmpty()) {
                return new ImportOutcome.Refused("there is no upload " + uploadId);
            }
            if (upload.get().value2() != null) {
                return new ImportOutcome.Refused(
                        "this file was imported already, at " + upload.get().value2());
            }
            long listId = upload.get().value1();
            int saved = 0;
            List<RowVerdict> rows = report.toImport();
            for (int from = 0; from < rows.size(); from += CHUNK) {
                InsertValuesStep4<?, Long, String, String, String> insert =
                        t.insertInto(CONTACTS, CONTACTS.LIST_ID, CONTACTS.EMAIL, CONTACTS.NAME, CONTACTS.COMPANY);
                for (RowVerdict row : rows.subList(from, Math.min(rows.size(), from + CHUNK))) {
                    insert = insert.values(listId, row.email(), blankToNull(row.name()), blankToNull(row.company()));
                }
                saved += insert.onConflictDoNothing().execute();
            }
            t.update(CONTACT_IMPORTS)
                    .set(CONTACT_IMPORTS.IMPORTED_AT, now())
                    .set(CONTACT_IMPORTS.IMPORTED_ROWS, saved)
                    .where(CONTACT_IMPORTS.ID.eq(uploadId))
                    .execute();
            int skipped = report.rows().size() - saved;
            audit.write(
                    t,
                    AuditEntry.of(
                            actor,
                            "contacts.imported",
                            "contact_list",
                            listId,
                            "upload " + uploadId + ": " + saved + " saved, " + skipped + " skipped"));
            return new ImportOutcome.Imported(saved, skipped);
        });
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
