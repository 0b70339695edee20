package dev.clarity.crm.billing;

import java.math.BigDecimal;

/**
 * A change to one line of a draft: {@code lineId} null adds a line; {@code remove} drops the line (its time records
 * and cost lines are unbilled again). Values are already parsed; the store checks they make a line.
 */
public record LineEdit(
        Long lineId, String description, BigDecimal quantity, String unit, BigDecimal unitPrice, boolean remove) {
    public static LineEdit remove(long lineId) {
        return new LineEdit(lineId, null, null, null, null, true);
    }
}
