package dev.clarity.dashboard.proposals;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROPOSALS;

import dev.clarity.crm.proposals.JooqProposals;
import dev.clarity.crm.proposals.Proposal;
import dev.clarity.crm.proposals.ProposalContent;
import dev.clarity.crm.proposals.ProposalSending;
import dev.clarity.crm.proposals.ProposalVersion;
import dev.clarity.crm.proposals.SaveOutcome;
import dev.clarity.crm.proposals.SendOutcome;
import dev.clarity.dashboard.auth.CustomerAccess;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Proposals for admins and managers: {@code /proposals} (list, newest first, keyset-paginated), {@code
 * /proposals/new}, {@code POST /proposals} (create), {@code /proposals/{id}} (the newest version, its totals, what
 * happened, the form for the next version), {@code POST /proposals/{id}} (save a version), {@code POST
 * /proposals/{id}/send} (mail the link and the PDF), {@code POST /proposals/{id}/revoke}, and {@code /api/proposals}
 * ({@code ?before=ID&limit=N}) and {@code /api/proposals/{id}} as JSON. A manager reaches the proposals of the customers
 * they manage only ({@link CustomerAccess}); any other answers 404 and is left out of lists.
 */
public final class ProposalRoutes {
    private static final int PAGE = 50;

    private final Guard guard;
    private final DSLContext dsl;
    private final JooqProposals proposals;
    private final ProposalSending sending;
    private final InstantSource clock;
    private final CustomerAccess access;

    public ProposalRoutes(
            Guard guard, DSLContext dsl, JooqProposals proposals, ProposalSending sending, InstantSource clock) {
        this.access = new CustomerAccess(dsl);
        this.guard = guard;
        this.dsl = dsl;
        this.proposals = proposals;
        this.sending = sending;
        this.clock = clock;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/proposals", guard.allow(Guard.CRM_WRITERS, this::list));
        config.routes.get(
                "/proposals/new", guard.allow(Guard.CRM_WRITERS, (ctx, v) -> form(ctx, v, null, null, null, null)));
        config.routes.post("/proposals", guard.allow(Guard.CRM_WRITERS, this::create));
        config.routes.get(
                "/proposals/{id}",
                guard.allow(Guard.CRM_WRITERS, (ctx, v) -> detail(ctx, v, null, ctx.queryParam("notice"), null)));
        config.routes.post("/proposals/{id}", guard.allow(Guard.CRM_WRITERS, this::save));
        config.routes.post("/proposals/{id}/send", guard.allow(Guard.CRM_WRITERS, this::send));
        config.routes.post("/proposals/{id}/revoke", guard.allow(Guard.CRM_WRITERS, this::revoke));
        config.routes.get("/api/proposals", guard.allow(Guard.CRM_WRITERS, this::apiList));
        config.routes.get("/api/proposals/{id}", guard.allow(Guard.CRM_WRITERS, this::apiDetail));
    }

    private void list(Context ctx, Viewer v) {
        Long before = QueryParams.optionalId(ctx, "before");
        List<Proposal> page =
                proposals.page(CustomerAccess.reached(v, PROPOSALS.CUSTOMER_ID), before == null ? 0 : before, PAGE);
        ctx.render(
                "proposals.jte",
                Map.of(
                        "chrome",
                        new Chrome(v, "Proposals", "proposals", ctx.queryParam("notice"), null),
                        "proposals",
                        page,
                        "next",
                        page.size() == PAGE
                                ? "/proposals?before=" + page.getLast().id()
                                : ""));
    }

    /** The new-proposal form (proposal null) or the detail page's form, with the content to show in it. */
    private void form(Context ctx, Viewer v, Proposal proposal, ProposalContent shown, String notice, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put(
                "chrome",
                new Chrome(v, proposal == null ? "New proposal" : proposal.title(), "proposals", notice, error));
        model.put("proposal", proposal);
        model.put(
                "version",
                proposal == null
                        ? null
                        : proposals
                                .version(proposal.id(), proposal.latestVersion())
                                .orElseThrow());
        model.put("events", proposal == null ? List.of() : proposals.events(proposal.id()));
        model.put("content", shown != null ? shown : blank());
        model.put("customers", choices(v, CUSTOMERS.ID, CUSTOMERS.NAME, null));
        model.put("projects", choices(v, PROJECTS.ID, PROJECTS.NAME, CUSTOMERS.NAME));
        ctx.render("proposal.jte", model);
    }

    private void detail(Context ctx, Viewer v, ProposalContent shown, String notice, String error) {
        Proposal p = proposal(ctx, v);
        ProposalVersion latest = proposals.version(p.id(), p.latestVersion()).orElseThrow();
        form(ctx, v, p, shown != null ? shown : latest.content(), notice, error);
    }

    private void create(Context ctx, Viewer v) {
        ProposalForm form = ProposalForm.read(ctx.formParamMap());
        String chosen = ctx.formParam("customer");
        Long customer = chosen == null || chosen.isBlank() ? null : id(chosen);
        String project = ctx.formParam("project");
        Long projectId = project == null || project.isBlank() ? null : id(project);
        List<String> problems = form.problems();
        if (customer == null || !access.customer(v, customer)) {
            problems = List.of("Choose a customer."); // one out of the viewer's reach is as good as none
        }
        SaveOutcome outcome = problems.isEmpty()
                ? proposals.create(customer, projectId, form.content(), v.login())
                : new SaveOutcome.Refused(problems);
        switch (outcome) {
            case SaveOutcome.Saved s ->
                ctx.redirect("/proposals/" + s.id() + notice("Saved version 1."), HttpStatus.SEE_OTHER);
            case SaveOutcome.Refused r -> {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                form(ctx, v, null, form.content(), null, String.join(" ", r.problems()));
            }
        }
    }

    private void save(Context ctx, Viewer v) {
        Proposal p = proposal(ctx, v);
        ProposalForm form = ProposalForm.read(ctx.formParamMap());
        SaveOutcome outcome = form.problems().isEmpty()
                ? proposals.save(p.id(), form.content(), v.login())
                : new SaveOutcome.Refused(form.problems());
        switch (outcome) {
            case SaveOutcome.Saved s ->
                ctx.redirect(
                        "/proposals/" + p.id() + notice("Saved version " + s.version() + "."), HttpStatus.SEE_OTHER);
            case SaveOutcome.Refused r -> {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                detail(ctx, v, form.content(), null, String.join(" ", r.problems()));
            }
        }
    }

    private void send(Context ctx, Viewer v) {
        Proposal p = proposal(ctx, v);
        switch (sending.send(p.id(), ctx.formParam("email"), v.login())) {
            // rendered, not redirected: the link must not travel in an address (history, logs)
            case SendOutcome.Sent s ->
                detail(
                        ctx,
                        v,
                        null,
                        "Version " + s.version() + " is on its way to "
                                + ctx.formParam("email").strip() + ". Its link: " + s.link(),
                        null);
            case SendOutcome.Refused r -> {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                detail(ctx, v, null, null, r.reason());
            }
        }
    }

    private void revoke(Context ctx, Viewer v) {
        Proposal p = proposal(ctx, v);
        int closed = sending.revoke(p.id(), v.login());
        ctx.redirect(
                "/proposals/" + p.id()
                        + notice(closed == 0 ? "No link was open." : "The link no longer opens the proposal."),
                HttpStatus.SEE_OTHER);
    }

    private void apiList(Context ctx, Viewer v) {
        int limit = QueryParams.limit(ctx, PAGE, 500);
        Long before = QueryParams.optionalId(ctx, "before");
        List<Proposal> rows =
                proposals.page(CustomerAccess.reached(v, PROPOSALS.CUSTOMER_ID), before == null ? 0 : before, limit);
        Map<String, Object> page = new HashMap<>();
        page.put("items", rows);
        page.put(
                "next",
                rows.size() == limit ? "/api/proposals?before=" + rows.getLast().id() + "&limit=" + limit : null);
        JsonOut.write(ctx, page);
    }

    private void apiDetail(Context ctx, Viewer v) {
        Proposal p = proposal(ctx, v);
        ProposalVersion latest = proposals.version(p.id(), p.latestVersion()).orElseThrow();
        Map<String, Object> body = new HashMap<>();
        body.put("proposal", p);
        body.put("version", latest.version());
        body.put("content", latest.content());
        body.put("subtotal", latest.totals().subtotal().rounded().amount());
        body.put("total", latest.totals().total().amount());
        body.put("events", proposals.events(p.id()));
        JsonOut.write(ctx, body);
    }

    private ProposalContent blank() {
        return new ProposalContent(
                "",
                List.of(),
                List.of(),
                List.of(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(30));
    }

    /** Id and label of every active customer or project the viewer reaches (a project's label names its customer). */
    private List<Choice> choices(
            Viewer v, org.jooq.Field<Long> id, org.jooq.Field<String> name, org.jooq.Field<String> customerName) {
        if (customerName == null) {
            return dsl.select(id, name)
                    .from(CUSTOMERS)
                    .where(CUSTOMERS.ARCHIVED_AT.isNull())
                    .and(CustomerAccess.reached(v, CUSTOMERS.ID))
                    .orderBy(name)
                    .fetch(r -> new Choice(r.value1(), r.value2()));
        }
        return dsl.select(id, name, customerName)
                .from(PROJECTS)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .where(CustomerAccess.reached(v, CUSTOMERS.ID))
                .orderBy(customerName, name)
                .fetch(r -> new Choice(r.value1(), r.value3() + " · " + r.value2()));
    }

    /** One option of a select. */
    public record Choice(long id, String label) {}

    /** The proposal; 404 when there is none or its customer is out of the viewer's reach. */
    private Proposal proposal(Context ctx, Viewer v) {
        return proposals
                .proposal(id(ctx.pathParam("id")))
                .filter(p -> access.customer(v, p.customerId()))
                .orElseThrow(() -> new NotFoundResponse("No such proposal."));
    }

    private static long id(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("The id must be a number.");
        }
    }

    private static String notice(String text) {
        return "?notice=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
