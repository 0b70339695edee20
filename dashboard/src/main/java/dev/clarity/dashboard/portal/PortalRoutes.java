package dev.clarity.dashboard.portal;

import dev.clarity.dashboard.auth.Role;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /portal}: a client's own projects, proposals and issued invoices, and a message form on each project. A
 * client reaches only their customer's projects: any other id answers 404, as a missing one does. Managers and
 * admins read a project's messages at {@code /projects/{id}/messages}, which marks them read; a manager only those of
 * the customers they manage ({@link dev.clarity.dashboard.auth.CustomerAccess}).
 */
public final class PortalRoutes {
    private static final Set<Role> CLIENTS = EnumSet.of(Role.CLIENT);
    private final Guard guard;
    private final PortalStore store;

    public PortalRoutes(Guard guard, PortalStore store) {
        this.guard = guard;
        this.store = store;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/portal", guard.allow(CLIENTS, (ctx, v) -> portal(ctx, v, Map.of(), Map.of(), null)));
        config.routes.post("/portal/projects/{id}/messages", guard.allow(CLIENTS, this::leave));
        config.routes.get("/projects/{id}/messages", guard.allow(Guard.CRM_WRITERS, this::messages));
    }

    private void leave(Context ctx, Viewer v) {
        long customer = v.customerId() == null ? -1 : v.customerId();
        long project = id(ctx);
        String name = store.projectOf(customer, project).orElseThrow(() -> new NotFoundResponse("No such project."));
        String message = Optional.ofNullable(ctx.formParam("message")).orElse("");
        Optional<String> problem = MessageForm.problem(message);
        if (problem.isPresent()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            portal(ctx, v, Map.of(project, problem.get()), Map.of(project, message), null);
            return;
        }
        store.leave(project, v.personId(), message, v.login());
        portal(ctx, v, Map.of(), Map.of(), "Your message on " + name + " was sent to its managers.");
    }

    private void portal(Context ctx, Viewer v, Map<Long, String> errors, Map<Long, String> drafts, String notice) {
        PortalPage page = store.page(v.customerId() == null ? -1 : v.customerId());
        Map<String, Object> model = new HashMap<>();
        model.put(
                "chrome",
                new Chrome(
                        v,
                        "Your projects",
                        "portal",
                        notice,
                        errors.isEmpty() ? null : "Nothing was sent: please correct the message marked below."));
        model.put("page", page);
        model.put("errors", errors);
        model.put("drafts", drafts);
        ctx.render("portal.jte", model);
    }

    private void messages(Context ctx, Viewer v) {
        long project = id(ctx);
        String name = store.project(v, project).orElseThrow(() -> new NotFoundResponse("No such project."));
        List<ProjectMessage> messages = store.readMessages(project);
        Map<String, Object> model = new HashMap<>();
        model.put("chrome", new Chrome(v, "Messages on " + name, "projects", null, null));
        model.put("projectId", project);
        model.put("projectName", name);
        model.put("messages", messages);
        ctx.render("projectMessages.jte", model);
    }

    private static long id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("[0-9]{1,18}")) {
            throw new NotFoundResponse("No such project.");
        }
        return Long.parseLong(id);
    }
}
