package dev.clarity.crm.quickbooks;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.QUICKBOOKS_OUTBOX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * A Clarity customer's counterpart in QuickBooks: the one already linked, else a new Customer (created with its own
 * outbox row's requestid), else, when QuickBooks says the DisplayName is taken (fault 6240), the QuickBooks customer
 * of that name, adopted. Without adoption the customer and every invoice of it would be rejected again every day. The
 * link is stored on the customer and its outbox row is marked done. Called by {@link QuickBooksSync} inside the
 * transaction of the row it sends.
 */
final class QuickBooksCustomers {
    private final QuickBooksClient client;
    private final InstantSource clock;
    private final Supplier<UUID> ids;

    QuickBooksCustomers(QuickBooksClient client, InstantSource clock, Supplier<UUID> ids) {
        this.client = client;
        this.clock = clock;
        this.ids = ids;
    }

    /** {@code Ok} with the QuickBooks customer's {@code Id}, or why there is none yet. */
    QuickBooksAnswer ensure(DSLContext tx, long customerId, JooqQuickBooksConnection.Access access) {
        String known = tx.select(CUSTOMERS.QUICKBOOKS_ID)
                .from(CUSTOMERS)
                .where(CUSTOMERS.ID.eq(customerId))
                .fetchSingle(CUSTOMERS.QUICKBOOKS_ID);
        if (known != null) {
            return new QuickBooksAnswer.Ok(idNode(known));
        }
        Instant now = clock.instant();
        String requestId =
                JooqQuickBooksOutbox.add(tx, "customer", customerId, ids.get().toString(), now);
        JsonNode body = QuickBooksDocuments.customer(tx, customerId);
        QuickBooksAnswer answer = client.create(access.realmId(), access.accessToken(), "customer", body, requestId);
        if (answer instanceof QuickBooksAnswer.Rejected r
                && r.code().equals(QuickBooksAnswer.Rejected.DUPLICATE_NAME)) {
            answer = adopt(access, body.path("DisplayName").asText(), r);
        }
        if (answer instanceof QuickBooksAnswer.Ok ok) {
            String id = ok.entity().path("Id").asText();
            tx.update(CUSTOMERS)
                    .set(CUSTOMERS.QUICKBOOKS_ID, id)
                    .where(CUSTOMERS.ID.eq(customerId))
                    .execute();
            tx.update(QUICKBOOKS_OUTBOX)
                    .set(QUICKBOOKS_OUTBOX.DONE_AT, JooqQuickBooksOutbox.at(now))
                    .set(QUICKBOOKS_OUTBOX.QUICKBOOKS_ID, id)
                    .where(QUICKBOOKS_OUTBOX.KIND.eq("customer").and(QUICKBOOKS_OUTBOX.TARGET_ID.eq(customerId)))
                    .execute();
        }
        return answer;
    }

    /**
     * The QuickBooks Customer named {@code displayName}, found with a query. When there is none (the name belongs
     * to a vendor or an employee, which share the namespace), the original rejection stands.
     */
    private QuickBooksAnswer adopt(JooqQuickBooksConnection.Access access, String displayName, QuickBooksAnswer taken) {
        QuickBooksAnswer found = client.query(
                access.realmId(),
                access.accessToken(),
                "select * from Customer where DisplayName = '" + quoted(displayName) + "'");
        if (!(found instanceof QuickBooksAnswer.Ok ok)) {
            return found;
        }
        JsonNode customer = ok.entity().path("Customer").path(0);
        return customer.hasNonNull("Id") ? new QuickBooksAnswer.Ok(customer) : taken;
    }

    /** A string for a QuickBooks query literal: backslashes and single quotes escaped with a backslash. */
    static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }

    static JsonNode idNode(String id) {
        return JsonNodeFactory.instance.objectNode().put("Id", id);
    }
}
