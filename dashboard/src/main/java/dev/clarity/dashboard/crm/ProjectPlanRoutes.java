package dev.clarity.dashboard.crm;

import dev.clarity.dashboard.auth.CustomerAccess;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /projects/{id}/plan}: a project's hierarchy (milestones, their tasks, with a timer button on each task), its
 * billing (hourly rate, budgets in hours and money, billable, rounding, machine rate), its members with their own
 * rates, the time recorded and its executions beside. Staff read; admins and managers change it. A wrong value shows
 * the page again (422) with one message per field, nothing changed.
 */
public final class ProjectPlanRoutes {
    private final Guard guard;
    private final ProjectPlanStore plans;
    private final CustomerAccess access;

    public ProjectPlanRoutes(Guard guard, ProjectPlanStore plans, CustomerAccess access) {
        this.guard = guard;
        this.plans = plans;
        this.access = access;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/projects/{id}/plan", guard.allow(Guard.STAFF, (ctx, v) -> {
            ProjectPlan p = plan(ctx, v);
            page(ctx, v, p, billingValues(p), Map.of(), null);
        }));
        config.routes.post("/projects/{id}/billing", guard.allow(Guard.CRM_WRITERS, this::billing));
        config.routes.post("/projects/{id}/milestones", guard.allow(Guard.CRM_WRITERS, this::milestone));
        config.routes.post("/projects/{id}/tasks", guard.allow(Guard.CRM_WRITERS, this::task));
        config.routes.post("/projects/{id}/members", guard.allow(Guard.CRM_WRITERS, this::member));
    }

    private void billing(Context ctx, Viewer v) {
        ProjectPlan p = plan(ctx, v);
        Map<String, String> form = form(ctx);
        switch (ProjectBilling.check(form)) {
            case FormCheck.Valid<ProjectBilling> valid -> {
                plans.bill(p.id(), valid.command(), v.login());
                ProjectPlan after = plans.plan(p.id()).orElseThrow();
                page(ctx, v, after, billingValues(after), Map.of(), "Saved the billing of " + p.name() + ".");
            }
            case FormCheck.Invalid<ProjectBilling> invalid -> invalid(ctx, v, p, form, invalid.errors());
        }
    }

    private void milestone(Context ctx, Viewer v) {
        ProjectPlan p = plan(ctx, v);
        Map<String, String> form = form(ctx);
        String name = CustomerForm.trim(form.get("milestone_name"));
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.isEmpty()) {
            errors.put("milestone_name", "The milestone needs a name.");
        }
        LocalDate due = null;
        String dueText = CustomerForm.trim(form.get("due_on"));
        if (!dueText.isEmpty()) {
            try {
                due = LocalDate.parse(dueText);
            } catch (DateTimeParseException e) {
                errors.put("due_on", "The due date must look like 2026-03-01, or be empty.");
            }
        }
        if (!errors.isEmpty()) {
            invalid(ctx, v, p, form, errors);
            return;
        }
        plans.addMilestone(p.id(), name, due, v.login());
        done(ctx, v, p, "Added the milestone " + name + ".");
    }

    private void task(Context ctx, Viewer v) {
        ProjectPlan p = plan(ctx, v);
        Map<String, String> form = form(ctx);
        String name = CustomerForm.trim(form.get("task_name"));
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.isEmpty()) {
            errors.put("task_name", "The task needs a name.");
        }
        String m = CustomerForm.trim(form.get("milestone_id"));
        Long milestone = m.matches("[0-9]{1,18}") ? Long.valueOf(m) : null;
        if (!m.isEmpty() && (milestone == null || !plans.hasMilestone(p.id(), milestone))) {
            errors.put("milestone_id", "Choose a milestone of this project, or none.");
        }
        if (!errors.isEmpty()) {
            invalid(ctx, v, p, form, errors);
            return;
        }
        Boolean billable = switch (CustomerForm.trim(form.get("task_billable"))) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> null;
        };
        plans.addTask(p.id(), milestone, name, billable, v.login());
        done(ctx, v, p, "Added the task " + name + ".");
    }

    private void member(Context ctx, Viewer v) {
        ProjectPlan p = plan(ctx, v);
        Map<String, String> form = form(ctx);
        Map<String, String> errors = new LinkedHashMap<>();
        String login = CustomerForm.trim(form.get("member_login"));
        var person = plans.staff(login);
        if (person.isEmpty()) {
            errors.put("member_login", "No active staff member has the login \"" + login + "\".");
        }
        BigDecimal rate = ProjectBilling.amount(form, "member_rate", false, errors);
        if (!errors.isEmpty()) {
            invalid(ctx, v, p, form, errors);
            return;
        }
        plans.putMember(p.id(), person.get(), rate, v.login());
        done(
                ctx,
                v,
                p,
                login + " works on " + p.name()
                        + (rate == null
                                ? " at the project's rate."
                                : " at " + rate.toPlainString() + " " + p.currency() + " an hour."));
    }

    private void done(Context ctx, Viewer v, ProjectPlan p, String notice) {
        ProjectPlan after = plans.plan(p.id()).orElseThrow();
        page(ctx, v, after, billingValues(after), Map.of(), notice);
    }

    private void invalid(Context ctx, Viewer v, ProjectPlan p, Map<String, String> form, Map<String, String> errors) {
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        Map<String, String> values = billingValues(p);
        values.putAll(form);
        page(ctx, v, p, values, errors, null);
    }

    private void page(
            Context ctx,
            Viewer v,
            ProjectPlan p,
            Map<String, String> values,
            Map<String, String> errors,
            String notice) {
        Map<String, Object> model = new HashMap<>();
        model.put(
                "chrome",
                new Chrome(
                        v,
                        p.name(),
                        "projects",
                        notice,
                        errors.isEmpty() ? null : "Nothing was changed: please correct the field(s) marked below."));
        model.put("plan", p);
        model.put("values", values);
        model.put("errors", errors);
        ctx.render("projectPlan.jte", model);
    }

    private static Map<String, String> billingValues(ProjectPlan p) {
        Map<String, String> m = new HashMap<>();
        m.put(
                "hourly_rate",
                p.hourlyRate() == null
                        ? ""
                        : p.hourlyRate().stripTrailingZeros().toPlainString());
        m.put(
                "budget_hours",
                p.budgetHours() == null
                        ? ""
                        : p.budgetHours().stripTrailingZeros().toPlainString());
        m.put(
                "budget_money",
                p.budgetMoney() == null
                        ? ""
                        : p.budgetMoney().stripTrailingZeros().toPlainString());
        m.put("machine_rate", dev.clarity.crm.money.BillingSettings.text(p.machineRate()));
        m.put("billable", p.billable() ? "yes" : "no");
        m.put("rounding", p.rounding());
        return m;
    }

    /** The project's plan; 404 when there is none or it is out of the viewer's reach ({@link CustomerAccess}). */
    private ProjectPlan plan(Context ctx, Viewer v) {
        try {
            long id = Long.parseLong(ctx.pathParam("id"));
            return plans.plan(id)
                    .filter(p -> access.project(v, id))
                    .orElseThrow(() -> new NotFoundResponse("No such project."));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("No such project.");
        }
    }

    private static Map<String, String> form(Context ctx) {
        Map<String, String> values = new HashMap<>();
        ctx.formParamMap().forEach((k, list) -> values.put(k, list.isEmpty() ? "" : list.getFirst()));
        return values;
    }
}
