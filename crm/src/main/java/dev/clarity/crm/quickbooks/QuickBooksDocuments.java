package dev.clarity.crm.quickbooks;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarity.crm.billing.Invoice;
import dev.clarity.crm.billing.InvoiceLine;
import org.jooq.DSLContext;

/**
 * The request bodies QuickBooks' Accounting API takes, built from Clarity's rows: a Customer (DisplayName,
 * PrimaryEmailAddr, CurrencyRef, CompanyName, BillAddr) and an Invoice or SalesReceipt (CustomerRef, DocNumber,
 * TxnDate, DueDate, CurrencyRef, PrivateNote, and one SalesItemLineDetail line per invoice line, booked against the
 * configured item), and a CreditMemo of the same shape for a credit note.
 */
final class QuickBooksDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QuickBooksDocuments() {}

    static ObjectNode customer(DSLContext dsl, long customerId) {
        var c = dsl.selectFrom(CUSTOMERS).where(CUSTOMERS.ID.eq(customerId)).fetchSingle();
        ObjectNode body = JSON.createObjectNode();
        body.put("DisplayName", c.getName());
        body.put("CompanyName", c.getBillingName() != null ? c.getBillingName() : c.getName());
        if (c.getBillingEmail() != null) {
            body.putObject("PrimaryEmailAddr").put("Address", c.getBillingEmail());
        }
        if (c.getBillingAddress() != null) {
            body.putObject("BillAddr").put("Line1", c.getBillingAddress());
        }
        body.putObject("CurrencyRef").put("value", c.getBillingCurrency());
        return body;
    }

    static ObjectNode invoice(Invoice invoice, String quickbooksCustomerId, String itemId, boolean salesReceipt) {
        return document(invoice, quickbooksCustomerId, itemId, !salesReceipt, false);
    }

    /**
     * A CreditMemo for a credit note: its customer, number, date and currency, and its lines with quantity and
     * amount turned positive (a credit note stores them negated; QuickBooks' CreditMemo is a credit by its type).
     */
    static ObjectNode creditMemo(Invoice note, String quickbooksCustomerId, String itemId) {
        return document(note, quickbooksCustomerId, itemId, false, true);
    }

    private static ObjectNode document(
            Invoice invoice, String quickbooksCustomerId, String itemId, boolean dueDate, boolean negate) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("CustomerRef").put("value", quickbooksCustomerId);
        body.put("DocNumber", invoice.number());
        body.put("TxnDate", invoice.issuedOn().toString());
        if (dueDate && invoice.dueOn() != null) {
            body.put("DueDate", invoice.dueOn().toString());
        }
        body.putObject("CurrencyRef").put("value", invoice.total().currency().getCurrencyCode());
        if (invoice.notes() != null) {
            body.put("PrivateNote", invoice.notes());
        }
        lines(body, invoice, itemId, negate);
        return body;
    }

    private static void lines(ObjectNode body, Invoice invoice, String itemId, boolean negate) {
        var lines = body.putArray("Line");
        for (InvoiceLine l : invoice.lines()) {
            InvoiceLine line = negate ? l.negated() : l;
            ObjectNode node = lines.addObject();
            node.put("DetailType", "SalesItemLineDetail");
            node.put("Amount", line.amount().amount());
            node.put("Description", line.description());
            ObjectNode detail = node.putObject("SalesItemLineDetail");
            detail.putObject("ItemRef").put("value", itemId);
            detail.put("Qty", line.quantity());
            detail.put("UnitPrice", line.unitPrice().amount());
        }
    }
}
