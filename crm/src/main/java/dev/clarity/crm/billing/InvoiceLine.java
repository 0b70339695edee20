package dev.clarity.crm.billing;

import dev.clarity.crm.money.Money;
import java.math.BigDecimal;

/**
 * One line of an invoice: {@code quantity} {@code unit}s at {@code unitPrice}, {@code amount} rounded half-even to
 * the currency's minor unit. {@code projectId} and {@code personId} are null for a line typed by hand.
 */
public record InvoiceLine(
        int position,
        Long projectId,
        Long personId,
        String description,
        BigDecimal quantity,
        String unit,
        Money unitPrice,
        Money amount) {

    /** The line for {@code quantity} at {@code unitPrice}, its amount rounded at line level. */
    public static InvoiceLine priced(
            int position,
            Long projectId,
            Long personId,
            String description,
            BigDecimal quantity,
            String unit,
            Money unitPrice) {
        return new InvoiceLine(
                position,
                projectId,
                personId,
                description,
                quantity,
                unit,
                unitPrice,
                unitPrice.times(quantity).rounded());
    }

    /** The same line with quantity and amount negated, as a credit note carries it. */
    public InvoiceLine negated() {
        return new InvoiceLine(
                position, projectId, personId, description, quantity.negate(), unit, unitPrice, amount.negate());
    }
}
