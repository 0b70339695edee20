package dev.clarity.runner.config;

/**
 * {@code budget:} — the limits on what AI tools may use, per item and per execution; a missing limit is no limit.
 * The project's budgets in the dashboard apply too, and the tighter of both holds (docs/configuration.md).
 */
public record BudgetConfig(BudgetLimits item, BudgetLimits execution) {
    public static final BudgetConfig DEFAULT = new BudgetConfig(null, null);

    public BudgetConfig {
        item = item == null ? BudgetLimits.NONE : item;
        execution = execution == null ? BudgetLimits.NONE : execution;
    }
}
