package dev.clarity.crm.reports;

import java.math.BigDecimal;

/** How much of a project's budget its billable time used (all time): hours and money, each with its budget or null. */
public record BudgetUse(
        long projectId,
        String project,
        String customer,
        BigDecimal hoursUsed,
        BigDecimal budgetHours,
        BigDecimal moneyUsed,
        BigDecimal budgetMoney,
        String currency) {

    /** Percent of the hours budget used, or null without one. */
    public Integer hoursPercent() {
        return percent(hoursUsed, budgetHours);
    }

    public Integer moneyPercent() {
        return percent(moneyUsed, budgetMoney);
    }

    private static Integer percent(BigDecimal used, BigDecimal budget) {
        if (budget == null || budget.signum() == 0) {
            return null;
        }
        return used.multiply(BigDecimal.valueOf(100))
                .divide(budget, 0, java.math.RoundingMode.HALF_EVEN)
                .intValue();
    }
}
