package dev.clarity.dashboard.crm;

import dev.clarity.crm.money.BillingSettingsForm;
import dev.clarity.crm.time.Rounding;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A project's billing settings checked: rate, budgets, billable flag, rounding rule and machine rate, or one message
 * per field. Pure.
 *
 * @param hourlyRate null for none
 * @param budgetHours null for none
 * @param budgetMoney null for none
 * @param machineRate per hour of machine time in the organisation's base currency; null for the organisation's
 */
public record ProjectBilling(
        BigDecimal hourlyRate,
        BigDecimal budgetHours,
        BigDecimal budgetMoney,
        boolean billable,
        Rounding rounding,
        BigDecimal machineRate) {

    public static FormCheck<ProjectBilling> check(Map<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal rate = amount(form, "hourly_rate", false, errors);
        BigDecimal hours = amount(form, "budget_hours", true, errors);
        BigDecimal money = amount(form, "budget_money", true, errors);
        BigDecimal machine = BillingSettingsForm.machineRate(form, "machine_rate", errors);
        Rounding rounding =
                Rounding.parse(CustomerForm.trim(form.get("rounding"))).orElse(null);
        if (rounding == null) {
            errors.put("rounding", "The rounding must be one of " + String.join(", ", Rounding.spellings()) + ".");
        }
        if (!errors.isEmpty()) {
            return new FormCheck.Invalid<>(errors);
        }
        boolean billable = !"no".equals(CustomerForm.trim(form.get("billable")));
        return new FormCheck.Valid<>(new ProjectBilling(rate, hours, money, billable, rounding, machine));
    }

    /** Member rates and the like: empty is null, otherwise a number of at least zero with at most 4 decimals. */
    static BigDecimal amount(Map<String, String> form, String field, boolean positive, Map<String, String> errors) {
        String s = CustomerForm.trim(form.get(field));
        if (s.isEmpty()) {
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(s);
            if (positive ? v.signum() <= 0 : v.signum() < 0) {
                errors.put(field, "Must be " + (positive ? "more than zero" : "zero or more") + ", or empty for none.");
            } else if (v.scale() > 4 || v.precision() - v.scale() > 10) {
                errors.put(field, "At most 10 digits before the point and 4 after.");
            }
            return v;
        } catch (NumberFormatException e) {
            errors.put(field, "Must be a number such as 95.50, or empty for none.");
            return null;
        }
    }
}
