package dev.clarity.crm.reports;

import dev.clarity.crm.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The billable-hours report of a period: its rows, the budgets of the projects in it, the base currency, the rates
 * it converted with (as sentences, {@code 1 USD = 0.92 EUR (2026-03-01)}) and the rates it lacked ({@code USD to EUR
 * on 2026-03-02}); a row with a missing rate has no base amount and the total says it is incomplete.
 */
public record BillableHours(
        LocalDate from,
        LocalDate to,
        String baseCurrency,
        List<HoursRow> rows,
        List<BudgetUse> budgets,
        List<String> ratesUsed,
        List<String> missingRates) {

    public BillableHours {
        rows = List.copyOf(rows);
        budgets = List.copyOf(budgets);
        ratesUsed = List.copyOf(ratesUsed);
        missingRates = List.copyOf(missingRates);
    }

    public BigDecimal hours() {
        return rows.stream().map(HoursRow::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal unbilledHours() {
        return rows.stream().map(HoursRow::unbilledHours).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The sum of the rows that could be converted, rounded. */
    public Money totalInBase() {
        return rows.stream()
                .map(HoursRow::amountInBase)
                .filter(m -> m != null)
                .reduce(Money.zero(Money.currency(baseCurrency)), Money::plus)
                .rounded();
    }

    /**
     * One line per customer and month, customers in the rows' order (by name), months in order: what the page shows
     * for a period of many customers, where a line per project and person would run to thousands.
     */
    public List<CustomerMonth> byCustomerAndMonth() {
        Map<Long, Map<YearMonth, CustomerMonth>> customers = new LinkedHashMap<>();
        for (HoursRow r : rows) {
            customers
                    .computeIfAbsent(r.customerId(), k -> new TreeMap<>())
                    .merge(r.month(), CustomerMonth.of(r), (a, b) -> a.plus(r));
        }
        return customers.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    /** Hours per month, in month order, for the chart. */
    public Map<YearMonth, BigDecimal> hoursByMonth() {
        Map<YearMonth, BigDecimal> m = new TreeMap<>();
        rows.forEach(r -> m.merge(r.month(), r.hours(), BigDecimal::add));
        return m;
    }
}
