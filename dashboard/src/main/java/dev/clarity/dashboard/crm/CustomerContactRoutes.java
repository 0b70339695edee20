package dev.clarity.dashboard.crm;

import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /customers/{id}/contacts}: a customer's contacts (name, email, phone, role), a form to add one, and the
 * history of its lifecycle with the date each change took effect. Admins and managers. A contact without a name or
 * with an email that is not one is refused per field (422), nothing added.
 */
public final class CustomerContactRoutes {
    private final Guard guard;
    private final CustomerStore customers;
    private final CustomerContactStore contacts;

    public CustomerContactRoutes(Guard guard, CustomerStore customers, CustomerContactStore contacts) {
        this.guard = guard;
        this.customers = customers;
        this.contacts = contacts;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get(
                "/customers/{id}/contacts",
                guard.allow(Guard.CRM_WRITERS, (ctx, v) -> page(ctx, v, customer(ctx, v), Map.of(), Map.of(), null)));
        config.routes.post("/customers/{id}/contacts", guard.allow(Guard.CRM_WRITERS, this::add));
    }

    private void add(Context ctx, Viewer v) {
        Customer c = customer(ctx, v);
        Map<String, String> form = new HashMap<>();
        ctx.formParamMap().forEach((k, list) -> form.put(k, list.isEmpty() ? "" : list.getFirst()));
        String name = CustomerForm.trim(form.get("contact_name"));
        String email = CustomerForm.trim(form.get("contact_email"));
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.isEmpty()) {
            errors.put("contact_name", "The contact needs a name.");
        }
        if (!email.isEmpty() && !email.matches("[^@\\s]{1,64}@[^@\\s]{1,255}")) {
            errors.put("contact_email", "The email must look like ana@example.com.");
        }
        if (!errors.isEmpty()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            page(ctx, v, c, form, errors, null);
            return;
        }
        contacts.add(
                c.id(),
                name,
                email.isEmpty() ? null : email,
                blank(form.get("contact_phone")),
                blank(form.get("contact_role")),
                v.login());
        page(ctx, v, c, Map.of(), Map.of(), "Added " + name + ".");
    }

    private void page(
            Context ctx, Viewer v, Customer c, Map<String, String> values, Map<String, String> errors, String notice) {
        Map<String, Object> model = new HashMap<>();
        model.put(
                "chrome",
                new Chrome(
                        v,
                        "Contacts of " + c.name(),
                        "customers",
                        notice,
                        errors.isEmpty() ? null : "Nothing was added: please correct the field(s) marked below."));
        model.put("customer", c);
        model.put("contacts", contacts.contacts(c.id()));
        model.put("lifecycle", contacts.lifecycle(c.id()));
        model.put("values", values);
        model.put("errors", errors);
        ctx.render("contacts.jte", model);
    }

    /** The customer; 404 when there is none or it is out of the viewer's reach. */
    private Customer customer(Context ctx, Viewer v) {
        try {
            return customers
                    .find(v, Long.parseLong(ctx.pathParam("id")))
                    .orElseThrow(() -> new NotFoundResponse("No such customer."));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("No such customer.");
        }
    }

    private static String blank(String s) {
        String t = CustomerForm.trim(s);
        return t.isEmpty() ? null : t;
    }
}
