package dev.clarity.crm.billing;

import dev.clarity.crm.money.Money;
import java.math.BigDecimal;

/** A billable cost line not yet on an issued invoice, its amount already in the invoice's currency. */
public record UnbilledCost(
        long costLineId,
        long projectId,
        String projectName,
        String kind,
        BigDecimal quantity,
        String unit,
        Money amount) {}
