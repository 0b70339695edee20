package dev.clarity.dashboard.crm;

import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import dev.clarity.dashboard.auth.CustomerAccess;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * {@code /projects/{id}/budgets}: a project's token, money and wall-time budgets per item and per execution, read and
 * set by admins and managers (each change audited). A wrong value shows the form again (422) with one message per
 * field.
 */
public final class ProjectBudgetRoutes {
    private final Guard guard;
    private final DSLContext dsl;
    private final InstantSource clock;
    private final Audit audit;
    private final CustomerAccess access;

    public ProjectBudgetRoutes(Guard guard, DSLContext dsl, InstantSource clock, CustomerAccess access) {
        this.guard = guard;
        this.dsl = dsl;
        this.clock = clock;
        this.audit = new Audit(clock);
        this.access = access;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/projects/{id}/budgets", guard.allow(Guard.CRM_WRITERS, (ctx, v) -> {
            long id = id(ctx, v);
            page(ctx, v, id, read(id).fields(), Map.of(), null);
        }));
        config.routes.post("/projects/{id}/budgets", guard.allow(Guard.CRM_WRITERS, this::save));
    }

    private void save(Context ctx, Viewer v) {
        long id = id(ctx, v);
        read(id); // 404 when there is no such project
        Map<String, String> form = new HashMap<>();
        ctx.formParamMap().forEach((k, list) -> form.put(k, list.isEmpty() ? "" : list.getFirst()));
        switch (ProjectBudgets.check(form)) {
            case FormCheck.Valid<ProjectBudgets> valid -> {
                ProjectBudgets b = valid.command();
                dsl.transaction(cfg -> {
                    var tx = org.jooq.impl.DSL.using(cfg);
                    tx.update(PROJECTS)
                            .set(PROJECTS.BUDGET_ITEM_TOKENS, b.itemTokens())
                            .set(PROJECTS.BUDGET_ITEM_MONEY, b.itemMoney())
                            .set(PROJECTS.BUDGET_ITEM_SECONDS, seconds(b.itemWallTime()))
                            .set(PROJECTS.BUDGET_EXECUTION_TOKENS, b.executionTokens())
                            .set(PROJECTS.BUDGET_EXECUTION_MONEY, b.executionMoney())
                            .set(PROJECTS.BUDGET_EXECUTION_SECONDS, seconds(b.executionWallTime()))
                            .set(PROJECTS.UPDATED_AT, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                            .where(PROJECTS.ID.eq(id))
                            .execute();
                    audit.write(
                            tx,
                            AuditEntry.of(
                                    v.login(),
                                    "project.budgets",
                                    "project",
                                    id,
                                    b.fields().toString()));
                });
                page(ctx, v, id, b.fields(), Map.of(), "Saved the budgets of this project.");
            }
            case FormCheck.Invalid<ProjectBudgets> invalid -> {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                page(ctx, v, id, form, invalid.errors(), null);
            }
        }
    }

    private ProjectBudgets read(long id) {
        var r = dsl.select(
                        PROJECTS.BUDGET_ITEM_TOKENS,
                        PROJECTS.BUDGET_ITEM_MONEY,
                        PROJECTS.BUDGET_ITEM_SECONDS,
                        PROJECTS.BUDGET_EXECUTION_TOKENS,
                        PROJECTS.BUDGET_EXECUTION_MONEY,
                        PROJECTS.BUDGET_EXECUTION_SECONDS)
                .from(PROJECTS)
                .where(PROJECTS.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> new NotFoundResponse("No such project."));
        return new ProjectBudgets(
                r.value1(), r.value2(), duration(r.value3()), r.value4(), r.value5(), duration(r.value6()));
    }

    private void page(
            Context ctx, Viewer v, long id, Map<String, String> values, Map<String, String> errors, String notice) {
        String name = dsl.select(PROJECTS.REPOSITORY)
                .from(PROJECTS)
                .where(PROJECTS.ID.eq(id))
                .fetchOne(PROJECTS.REPOSITORY);
        Map<String, Object> model = new HashMap<>();
        model.put("chrome", new Chrome(v, "Budgets of " + name, "projects", notice, null));
        model.put("projectId", id);
        model.put("project", name);
        model.put("values", values);
        model.put("errors", errors);
        ctx.render("budgets.jte", model);
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }

    private static Duration duration(Long seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    /** The project's id; 404 when it is not a number or the project is out of the viewer's reach. */
    private long id(Context ctx, Viewer v) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("No such project.");
        }
        if (!access.project(v, id)) {
            throw new NotFoundResponse("No such project.");
        }
        return id;
    }
}
