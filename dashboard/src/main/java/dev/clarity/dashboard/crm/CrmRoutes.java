package dev.clarity.dashboard.crm;

import dev.clarity.dashboard.auth.Role;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Tool;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The CRM pages: {@code /customers}, {@code /projects}, {@code /people}, each with {@code /new}, {@code /{id}}
 * (edit) and {@code /{id}/archive}. Staff read; admins and managers write. A failed save shows the form again with
 * the values entered and one message per field (status 422).
 */
public final class CrmRoutes {
    private final Guard guard;
    private final CustomerStore customers;
    private final ProjectStore projects;
    private final PeopleStore people;
    private final GitHubStatuses github;

    public CrmRoutes(
            Guard guard, CustomerStore customers, ProjectStore projects, PeopleStore people, GitHubStatuses github) {
        this.guard = guard;
        this.github = github;
        this.customers = customers;
        this.projects = projects;
        this.people = people;
    }

    public void contribute(JavalinConfig config) {
        for (String kind : List.of("customers", "projects", "people")) {
            config.routes.get("/" + kind, guard.allow(Guard.STAFF, (ctx, v) -> list(ctx, v, kind, null)));
            config.routes.get(
                    "/" + kind + "/new",
                    guard.allow(Guard.CRM_WRITERS, (ctx, v) -> form(ctx, v, kind, null, defaults(v, kind), Map.of())));
            config.routes.post("/" + kind, guard.allow(Guard.CRM_WRITERS, (ctx, v) -> save(ctx, v, kind, null)));
            config.routes.get("/" + kind + "/{id}", guard.allow(Guard.CRM_WRITERS, (ctx, v) -> {
                long id = id(ctx);
                form(ctx, v, kind, id, current(v, kind, id), Map.of());
            }));
            config.routes.post(
                    "/" + kind + "/{id}", guard.allow(Guard.CRM_WRITERS, (ctx, v) -> save(ctx, v, kind, id(ctx))));
            config.routes.post(
                    "/" + kind + "/{id}/archive",
                    guard.allow(Guard.CRM_WRITERS, (ctx, v) -> archive(ctx, v, kind, id(ctx))));
        }
    }

    private void list(Context ctx, Viewer v, String kind, String notice) {
        list(ctx, v, kind, notice, null);
    }

    /** The list with a notice or an error above it (a refused archive shows the list as it still is). */
    private void list(Context ctx, Viewer v, String kind, String notice, String error) {
        CrmTable table = switch (kind) {
            case "customers" ->
                new CrmTable(
                        kind,
                        List.of("Name", "Slug", "GitHub", "Lifecycle", "Currency", "Status"),
                        customers.list(v).stream()
                                .map(c -> new CrmTable.Row(
                                        c.id(),
                                        List.of(
                                                c.name(),
                                                c.slug(),
                                                nz(c.githubLogin()),
                                                c.lifecycle(),
                                                c.billingCurrency(),
                                                status(c.archived())),
                                        c.archived()))
                                .toList());
            case "projects" ->
                new CrmTable(
                        kind,
                        List.of("Name", "Customer", "Repository", "Task list", "Merge", "Tool", "GitHub", "Status"),
                        projects.list(v).stream()
                                .map(p -> new CrmTable.Row(
                                        p.project().id(),
                                        List.of(
                                                p.project().name(),
                                                p.customer(),
                                                p.project().repository(),
                                                p.project().taskListPath(),
                                                p.project().mergePolicy(),
                                                nz(p.project().defaultTool()),
                                                github.of(p.project()).describe(),
                                                status(p.project().archived())),
                                        p.project().archived()))
                                .toList());
            default ->
                new CrmTable(
                        kind,
                        List.of("Login", "Name", "Role", "Customer", "Status"),
                        people.list(v).stream()
                                .map(p -> new CrmTable.Row(
                                        p.person().id(),
                                        List.of(
                                                p.person().login(),
                                                nz(p.person().displayName()),
                                                p.person().role().dbName(),
                                                nz(p.customer()),
                                                status(p.person().archived())),
                                        p.person().archived()))
                                .toList());
        };
        ctx.render("crmList.jte", Map.of("chrome", new Chrome(v, title(kind), kind, notice, error), "table", table));
    }

    private void form(
            Context ctx, Viewer v, String kind, Long id, Map<String, String> values, Map<String, String> errors) {
        List<FormField> fields = fields(v, kind, values, errors);
        String action = "/" + kind + (id == null ? "" : "/" + id);
        String heading = (id == null ? "New " : "Edit ") + singular(kind);
        String summary = errors.isEmpty() ? null : "Please correct the " + errors.size() + " field(s) marked below.";
        Map<String, Object> model = new HashMap<>();
        model.put("chrome", new Chrome(v, heading, kind, null, summary));
        model.put("action", action);
        model.put("heading", heading);
        model.put("fields", fields);
        model.put("archiveAction", id == null ? "" : action + "/archive");
        ctx.render("crmForm.jte", model);
    }

    private void save(Context ctx, Viewer v, String kind, Long id) {
        Map<String, String> values = new HashMap<>();
        ctx.formParamMap().forEach((k, list) -> values.put(k, list.isEmpty() ? "" : list.getFirst()));
        if (id != null) {
            current(v, kind, id); // 404 when it does not exist or is out of the viewer's reach
        }
        if (kind.equals("customers")
                && v.role() == Role.MANAGER
                && values.getOrDefault("manager_id", "").isBlank()) {
            // a manager never leaves a customer unmanaged (only admins would reach it): no choice means them
            // (ADR 0038); handing it on is choosing another manager
            values.put("manager_id", Long.toString(v.personId()));
        }
        // the form is checked by a pure function, with what the database says about the values entered; only a
        // valid command is saved
        Saved saved = switch (kind) {
            case "customers" ->
                CustomerForm.check(values, customers.facts(id, values)).saveWith(c -> customers.save(id, c, v.login()));
            case "projects" ->
                ProjectForm.check(values, projects.facts(v, id, values)).saveWith(p -> projects.save(id, p, v.login()));
            default ->
                PersonForm.check(values, v.role(), people.facts(v, id, values))
                        .saveWith(p -> people.save(id, p, v.login()));
        };
        switch (saved) {
            case Saved.Stored s -> list(ctx, v, kind, s.notice());
            case Saved.Invalid inv -> {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                form(ctx, v, kind, id, values, inv.errors());
            }
        }
    }

    private void archive(Context ctx, Viewer v, String kind, long id) {
        current(v, kind, id);
        Optional<String> refused = Optional.empty();
        switch (kind) {
            case "customers" -> customers.archive(id, v.login());
            case "projects" -> projects.archive(id, v.login());
            default -> refused = people.archive(v, id);
        }
        if (refused.isPresent()) {
            ctx.status(HttpStatus.CONFLICT);
            list(ctx, v, kind, null, refused.get());
            return;
        }
        list(ctx, v, kind, "Archived.");
    }

    /** What a new record's form starts with: a manager's new customer names them as its manager. */
    private static Map<String, String> defaults(Viewer v, String kind) {
        return kind.equals("customers") && v.role() == Role.MANAGER
                ? Map.of("manager_id", Long.toString(v.personId()))
                : Map.of();
    }

    /** The record's values for its form; 404 when it does not exist or its customer is out of the viewer's reach. */
    private Map<String, String> current(Viewer v, String kind, long id) {
        Map<String, String> m = new HashMap<>();
        switch (kind) {
            case "customers" -> {
                var c = customers.find(v, id).orElseThrow(() -> new NotFoundResponse("No such customer."));
                m.put("name", c.name());
                m.put("slug", c.slug());
                m.put("github_login", nz(c.githubLogin()));
                m.putAll(customers.billingValues(id));
            }
            case "projects" -> {
                var p = projects.find(v, id).orElseThrow(() -> new NotFoundResponse("No such project."));
                m.put("customer_id", Long.toString(p.customerId()));
                m.put("name", p.name());
                m.put("repository", p.repository());
                m.put("clone_url", p.cloneUrl());
                m.put(
                        "installation_id",
                        p.installationId() == null ? "" : p.installationId().toString());
                m.put("default_branch", p.defaultBranch());
                m.put("task_list_path", p.taskListPath());
                m.put("merge_policy", p.mergePolicy());
                m.put("default_tool", nz(p.defaultTool()));
                m.put("manager_id", p.managerId() == null ? "" : p.managerId().toString());
            }
            default -> {
                var p = people.find(v, id).orElseThrow(() -> new NotFoundResponse("No such person."));
                m.put("login", p.login());
                m.put("display_name", nz(p.displayName()));
                m.put("email", nz(p.email()));
                m.put("role", p.role().dbName());
                m.put(
                        "customer_id",
                        p.customerId() == null ? "" : p.customerId().toString());
            }
        }
        return m;
    }

    private List<FormField> fields(Viewer viewer, String kind, Map<String, String> v, Map<String, String> e) {
        List<FormField> f = new ArrayList<>();
        switch (kind) {
            case "customers" -> {
                f.add(FormField.text("name", "Name", v.get("name"), e.get("name"), null));
                f.add(FormField.text(
                        "slug", "Slug", v.get("slug"), e.get("slug"), "lower-case letters, digits and dashes"));
                f.add(FormField.text(
                        "github_login",
                        "GitHub account",
                        v.get("github_login"),
                        e.get("github_login"),
                        "organisation or user that installed the App"));
                f.add(FormField.select(
                        "lifecycle",
                        "Lifecycle",
                        v.getOrDefault("lifecycle", "active"),
                        options(CustomerForm.LIFECYCLE, false),
                        e.get("lifecycle")));
                f.add(FormField.text(
                        "lifecycle_on",
                        "Lifecycle change effective on",
                        v.get("lifecycle_on"),
                        e.get("lifecycle_on"),
                        "2026-03-01; empty: today"));
                f.add(FormField.text(
                        "billing_currency",
                        "Billing currency",
                        v.getOrDefault("billing_currency", "EUR"),
                        e.get("billing_currency"),
                        "ISO 4217 code: EUR, USD, GBP…"));
                List<FormField.Option> managers = new ArrayList<>();
                managers.add(new FormField.Option("", "— none —"));
                customers.managers().forEach(p -> managers.add(new FormField.Option(Long.toString(p.id()), p.login())));
                f.add(FormField.select("manager_id", "Manager", v.get("manager_id"), managers, e.get("manager_id")));
                f.add(FormField.text(
                        "billing_name", "Billing name", v.get("billing_name"), e.get("billing_name"), null));
                f.add(FormField.text(
                        "billing_address",
                        "Billing address",
                        v.get("billing_address"),
                        e.get("billing_address"),
                        null));
                f.add(FormField.text(
                        "billing_email", "Billing email", v.get("billing_email"), e.get("billing_email"), null));
                f.add(FormField.text("tax_id", "Tax id", v.get("tax_id"), e.get("tax_id"), "VAT number or similar"));
                f.add(FormField.text("notes", "Notes", v.get("notes"), e.get("notes"), null));
            }
            case "projects" -> {
                f.add(FormField.select(
                        "customer_id",
                        "Customer",
                        v.get("customer_id"),
                        customerOptions(viewer, false),
                        e.get("customer_id")));
                f.add(FormField.text("name", "Name", v.get("name"), e.get("name"), null));
                f.add(FormField.text(
                        "repository",
                        "Repository",
                        v.get("repository"),
                        e.get("repository"),
                        "owner/name, or a local path or git URL"));
                f.add(FormField.text(
                        "clone_url",
                        "Clone URL",
                        v.get("clone_url"),
                        e.get("clone_url"),
                        "empty: derived from the repository"));
                f.add(FormField.text(
                        "installation_id",
                        "Installation",
                        v.get("installation_id"),
                        e.get("installation_id"),
                        "GitHub App installation id"));
                f.add(FormField.text(
                        "default_branch",
                        "Default branch",
                        v.getOrDefault("default_branch", "main"),
                        e.get("default_branch"),
                        null));
                f.add(FormField.text(
                        "task_list_path",
                        "Task-list path",
                        v.getOrDefault("task_list_path", "tasks_list.md"),
                        e.get("task_list_path"),
                        null));
                f.add(FormField.select(
                        "merge_policy",
                        "Merge policy",
                        v.getOrDefault("merge_policy", MergePolicy.STACKED.spelling()),
                        options(MergePolicy.spellings(), false),
                        e.get("merge_policy")));
                f.add(FormField.select(
                        "default_tool",
                        "Default tool",
                        v.get("default_tool"),
                        options(Tool.spellings(), true),
                        e.get("default_tool")));
                f.add(FormField.select(
                        "manager_id", "Manager", v.get("manager_id"), managerOptions(), e.get("manager_id")));
            }
            default -> {
                f.add(FormField.text("login", "Login", v.get("login"), e.get("login"), null));
                f.add(FormField.text("display_name", "Name", v.get("display_name"), e.get("display_name"), null));
                f.add(FormField.text("email", "Email", v.get("email"), e.get("email"), null));
                f.add(FormField.select(
                        "role",
                        "Role",
                        v.getOrDefault("role", "team_member"),
                        options(
                                java.util.Arrays.stream(Role.values())
                                        .map(Role::dbName)
                                        .toList(),
                                false),
                        e.get("role")));
                f.add(FormField.select(
                        "customer_id",
                        "Customer (clients only)",
                        v.get("customer_id"),
                        customerOptions(viewer, true),
                        e.get("customer_id")));
            }
        }
        return f;
    }

    /** Admins and managers who are not archived: who may be told of a project's executions as its manager. */
    private List<FormField.Option> managerOptions() {
        List<FormField.Option> o = new ArrayList<>();
        o.add(new FormField.Option("", "— none —"));
        people.list().stream()
                .map(PeopleStore.PersonView::person)
                .filter(p -> !p.archived() && (p.role() == Role.ADMIN || p.role() == Role.MANAGER))
                .forEach(p -> o.add(new FormField.Option(Long.toString(p.id()), p.login())));
        return o;
    }

    /** The active customers the viewer reaches, to choose from. */
    private List<FormField.Option> customerOptions(Viewer viewer, boolean withNone) {
        List<FormField.Option> o = new ArrayList<>();
        o.add(new FormField.Option("", withNone ? "— none —" : "— choose —"));
        customers.list(viewer).stream()
                .filter(c -> !c.archived())
                .forEach(c -> o.add(new FormField.Option(Long.toString(c.id()), c.name())));
        return o;
    }

    private static List<FormField.Option> options(List<String> values, boolean withNone) {
        List<FormField.Option> o = new ArrayList<>();
        if (withNone) {
            o.add(new FormField.Option("", "— none —"));
        }
        values.forEach(s -> o.add(new FormField.Option(s, s)));
        return o;
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("No such record.");
        }
    }

    private static String title(String kind) {
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    }

    private static String singular(String kind) {
        return switch (kind) {
            case "customers" -> "customer";
            case "projects" -> "project";
            default -> "person";
        };
    }

    private static String status(boolean archived) {
        return archived ? "archived" : "active";
    }

    private static String nz(String s) {
        return Objects.requireNonNullElse(s, "");
    }
}
