package dev.clarity.crm.billing;

import dev.clarity.crm.money.Money;
import java.time.LocalDate;

/** An invoice in a list: everything but its lines. */
public record InvoiceSummary(
        long id,
        long customerId,
        String customerName,
        InvoiceKind kind,
        InvoiceState state,
        String number,
        LocalDate issuedOn,
        LocalDate dueOn,
        LocalDate paidOn,
        Money total,
        String quickbooksId) {

    public String label() {
        return number != null ? number : "Draft #" + id;
    }
}
