package dev.clarity.dashboard.billing;

import dev.clarity.crm.billing.CustomerScope;
import dev.clarity.crm.billing.Invoice;
import dev.clarity.crm.billing.InvoiceState;
import dev.clarity.dashboard.auth.CustomerAccess;
import dev.clarity.dashboard.auth.Role;
import dev.clarity.dashboard.auth.Viewer;
import io.javalin.http.NotFoundResponse;
import java.util.EnumSet;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Who sees which billing data: an admin all of it; a manager the customers they look after
 * ({@code customers.manager_id}); a client their own customer's issued invoices, read-only; a team member none. An
 * invoice a viewer may not see is answered 404, as if it did not exist.
 */
final class BillingAccess {
    static final Set<Role> WRITERS = EnumSet.of(Role.ADMIN, Role.MANAGER);
    static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.CLIENT);

    private final CustomerAccess customers;

    BillingAccess(DSLContext dsl) {
        this.customers = new CustomerAccess(dsl);
    }

    static CustomerScope scope(Viewer v) {
        return switch (v.role()) {
            case ADMIN -> CustomerScope.all();
            case MANAGER -> CustomerScope.managedBy(v.personId());
            case CLIENT -> CustomerScope.customer(v.customerId() == null ? -1 : v.customerId());
            case TEAM_MEMBER -> throw new IllegalStateException("team members see no billing");
        };
    }

    /** The customers' rule ({@link CustomerAccess}), except that team members see no billing at all. */
    boolean sees(Viewer v, long customerId) {
        return v.role() != Role.TEAM_MEMBER && customers.customer(v, customerId);
    }

    /** The invoice when the viewer may see it (a client never sees a draft), else 404. */
    Invoice visible(Viewer v, java.util.Optional<Invoice> invoice) {
        return invoice.filter(i -> sees(v, i.customerId()))
                .filter(i -> v.role() != Role.CLIENT || i.state() != InvoiceState.DRAFT)
                .orElseThrow(() -> new NotFoundResponse("No such invoice."));
    }
}
