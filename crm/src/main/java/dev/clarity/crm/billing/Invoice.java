package dev.clarity.crm.billing;

import dev.clarity.crm.money.Money;
import java.time.LocalDate;
import java.util.List;

/** An invoice or credit note as stored, with its lines in order. {@code number} is null while it is a draft. */
public record Invoice(
        long id,
        long customerId,
        String customerName,
        InvoiceKind kind,
        InvoiceState state,
        String number,
        Long correctsInvoiceId,
        LocalDate periodFrom,
        LocalDate periodTo,
        LocalDate issuedOn,
        LocalDate dueOn,
        LocalDate paidOn,
        Money total,
        String notes,
        String quickbooksId,
        List<InvoiceLine> lines) {

    public Invoice {
        lines = List.copyOf(lines);
    }

    /** What people call it: its number, or "Draft #id". */
    public String label() {
        return number != null ? number : "Draft #" + id;
    }

    public boolean editable() {
        return state == InvoiceState.DRAFT;
    }
}
