package dev.clarity.dashboard.contacts;

import dev.clarity.crm.contacts.ColumnMapping;
import dev.clarity.crm.contacts.Contact;
import dev.clarity.crm.contacts.ContactImport;
import dev.clarity.crm.contacts.ContactList;
import dev.clarity.crm.contacts.CsvCells;
import dev.clarity.crm.contacts.CsvRead;
import dev.clarity.crm.contacts.ImportOutcome;
import dev.clarity.crm.contacts.JooqContactStore;
import dev.clarity.crm.contacts.Upload;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.dashboard.web.JsonOut;
import dev.clarity.dashboard.web.QueryParams;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contact lists for campaigns, for admins and managers: {@code /contacts} (lists, new list), {@code /contacts/{id}}
 * (contacts, upload form, export), {@code /contacts/uploads/{id}} (column mapping and the dry run's report, nothing
 * saved), {@code POST /contacts/uploads/{id}/import} (saves the new rows), and {@code /api/contacts?list=ID}
 * (keyset-paginated JSON). An upload over {@link #MAX_UPLOAD_BYTES} is refused before it is stored.
 */
public final class ContactRoutes {
    /** Ten megabytes: about 100,000 contacts with a name and a company. */
    public static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024;
    /** The most data rows one file may have. */
    public static final int MAX_CSV_ROWS = 200_000;

    private final Guard guard;
    private final JooqContactStore store;
    private final ContactImport imports;

    public ContactRoutes(Guard guard, JooqContactStore store, ContactImport imports) {
        this.guard = guard;
        this.store = store;
        this.imports = imports;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/contacts", guard.allow(Guard.CRM_WRITERS, (ctx, v) -> lists(ctx, v, null, null)));
        config.routes.post("/contacts", guard.allow(Guard.CRM_WRITERS, this::createList));
        config.routes.get("/contacts/{id}", guard.allow(Guard.CRM_WRITERS, (ctx, v) -> list(ctx, v, null)));
        config.routes.get("/contacts/{id}/export.csv", guard.allow(Guard.CRM_WRITERS, this::export));
        config.routes.post("/contacts/{id}/uploads", guard.allow(Guard.CRM_WRITERS, this::upload));
        config.routes.get("/contacts/uploads/{id}", guard.allow(Guard.CRM_WRITERS, this::mapping));
        config.routes.post("/contacts/uploads/{id}/import", guard.allow(Guard.CRM_WRITERS, this::confirm));
        config.routes.get("/api/contacts", guard.allow(Guard.CRM_WRITERS, this::api));
    }

    private void lists(Context ctx, Viewer v, String notice, String error) {
        ctx.render(
                "contactLists.jte",
                Map.of("chrome", new Chrome(v, "Contact lists", "contacts", notice, error), "lists", store.lists()));
    }

    private void createList(Context ctx, Viewer v) {
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
        if (name.isEmpty() || name.length() > 200) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            lists(ctx, v, null, "Name the list (at most 200 characters).");
            return;
        }
        long id = store.createList(name, v.login());
        ctx.redirect("/contacts/" + id, HttpStatus.SEE_OTHER);
    }

    private void list(Context ctx, Viewer v, String error) {
        ContactList list = list(ctx);
        Long after = QueryParams.optionalId(ctx, "after");
        List<Contact> contacts = store.contacts(list.id(), after == null ? 0 : after, 100);
        Map<String, Object> model = new HashMap<>();
        model.put("chrome", new Chrome(v, list.name(), "contacts", ctx.queryParam("notice"), error));
        model.put("list", list);
        model.put("contacts", contacts);
        model.put(
                "next",
                contacts.size() == 100
                        ? "/contacts/" + list.id() + "?after="
                                + contacts.getLast().id()
                        : null);
        model.put("maxMegabytes", MAX_UPLOAD_BYTES / (1024 * 1024));
        ctx.render("contactList.jte", model);
    }

    private void upload(Context ctx, Viewer v) {
        ContactList list = list(ctx);
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            list(ctx, v, "Choose a CSV file to upload.");
            return;
        }
        if (file.size() > MAX_UPLOAD_BYTES) {
            ctx.status(HttpStatus.CONTENT_TOO_LARGE);
            list(
                    ctx,
                    v,
                    "The file is " + (file.size() / (1024 * 1024)) + " MB; the limit is "
                            + (MAX_UPLOAD_BYTES / (1024 * 1024)) + " MB. Split it into smaller files.");
            return;
        }
        byte[] content;
        try (InputStream in = file.content()) {
            content = in.readNBytes((int) MAX_UPLOAD_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("reading an uploaded contact file", e);
        }
        String filename =
                file.filename() == null ? "upload.csv" : file.filename().replaceAll("[^\\w.\\- ]", "_");
        long upload = store.saveUpload(list.id(), filename, content, v.login());
        ctx.redirect("/contacts/uploads/" + upload, HttpStatus.SEE_OTHER);
    }

    /** The mapping form; with {@code email} in the query, also the dry run's report for that mapping. */
    private void mapping(Context ctx, Viewer v) {
        Upload upload = upload(ctx);
        ContactList list = store.list(upload.listId()).orElseThrow(() -> new NotFoundResponse("No such list."));
        Map<String, Object> model = new HashMap<>();
        model.put("upload", upload);
        model.put("list", list);
        CsvRead read = imports.read(upload);
        if (read instanceof CsvRead.Unreadable u) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            model.put("chrome", new Chrome(v, "Import " + upload.filename(), "contacts", null, u.reason()));
            model.put("headers", List.of());
            model.put("mapping", new ColumnMapping("", Optional.empty(), Optional.empty(), false, false));
            model.put("dryRun", null);
            ctx.render("contactImport.jte", model);
            return;
        }
        var table = ((CsvRead.Read) read).table();
        ColumnMapping mapping = ctx.queryParam("email") == null ? ColumnMapping.guess(table.headers()) : mapping(ctx);
        ContactImport.DryRun dryRun = ctx.queryParam("email") == null ? null : imports.dryRun(upload, mapping);
        String error = dryRun instanceof ContactImport.DryRun.Refused r ? String.join(" ", r.problems()) : null;
        String notice =
                "Read " + table.rows().size() + " rows (" + table.charset().displayName() + ", separated by "
                        + (table.separator() == '\t' ? "tabs" : "\"" + table.separator() + "\"") + ").";
        model.put("chrome", new Chrome(v, "Import " + upload.filename(), "contacts", notice, error));
        model.put("headers", table.headers());
        model.put("mapping", mapping);
        model.put("dryRun", dryRun instanceof ContactImport.DryRun.Planned p ? p.report() : null);
        ctx.render("contactImport.jte", model);
    }

    private void confirm(Context ctx, Viewer v) {
        Upload upload = upload(ctx);
        ColumnMapping mapping = new ColumnMapping(
                Optional.ofNullable(ctx.formParam("email")).orElse(""),
                optional(ctx.formParam("name")),
                optional(ctx.formParam("company")),
                "on".equals(ctx.formParam("nameRequired")),
                "on".equals(ctx.formParam("companyRequired")));
        switch (imports.confirm(upload, mapping, v.login())) {
            case ImportOutcome.Imported i ->
                ctx.redirect(
                        "/contacts/" + upload.listId() + "?notice="
                                + URLEncoder.encode(
                                        "Imported " + i.saved() + " contact(s); " + i.leftOut() + " row(s) left out.",
                                        StandardCharsets.UTF_8),
                        HttpStatus.SEE_OTHER);
            case ImportOutcome.Refused r -> {
                ctx.status(HttpStatus.CONFLICT);
                lists(ctx, v, null, "Nothing was imported: " + r.reason() + ".");
            }
        }
    }

    private void export(Context ctx, Viewer v) {
        ContactList list = list(ctx);
        StringBuilder csv = new StringBuilder("email,name,company\r\n");
        long after = 0;
        List<Contact> page;
        do {
            page = store.contacts(list.id(), after, 1_000);
            for (Contact c : page) {
                csv.append(cell(c.email()))
                        .append(',')
                        .append(cell(c.name()))
                        .append(',')
                        .append(cell(c.company()))
                        .append("\r\n");
            }
            after = page.isEmpty() ? after : page.getLast().id();
        } while (page.size() == 1_000);
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"contacts-" + list.id() + ".csv\"")
                .result(csv.toString());
    }

    private void api(Context ctx, Viewer v) {
        Long listId = QueryParams.optionalId(ctx, "list");
        if (listId == null) {
            JsonOut.write(ctx, Map.of("lists", store.lists()));
            return;
        }
        store.list(listId).orElseThrow(() -> new NotFoundResponse("No such contact list."));
        int limit = QueryParams.limit(ctx, 100, 1_000);
        Long after = QueryParams.optionalId(ctx, "after");
        List<Contact> rows = store.contacts(listId, after == null ? 0 : after, limit);
        Map<String, Object> page = new HashMap<>();
        page.put("items", rows);
        page.put(
                "next",
                rows.size() == limit
                        ? "/api/contacts?list=" + listId + "&after="
                                + rows.getLast().id() + "&limit=" + limit
                        : null);
        JsonOut.write(ctx, page);
    }

    /** A CSV cell: formula-safe, quoted when it holds a separator, a quote or a line break. */
    private static String cell(String value) {
        String safe = CsvCells.safe(value);
        return safe.matches("(?s).*[\",\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private static ColumnMapping mapping(Context ctx) {
        return new ColumnMapping(
                ctx.queryParam("email"),
                optional(ctx.queryParam("name")),
                optional(ctx.queryParam("company")),
                "on".equals(ctx.queryParam("nameRequired")),
                "on".equals(ctx.queryParam("companyRequired")));
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private ContactList list(Context ctx) {
        return store.list(id(ctx)).orElseThrow(() -> new NotFoundResponse("No such contact list."));
    }

    private Upload upload(Context ctx) {
        return store.upload(id(ctx)).orElseThrow(() -> new NotFoundResponse("No such upload."));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("The id in the address must be a number.");
        }
    }
}
