package dev.clarity.crm.reports;

import dev.clarity.crm.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The billable-hours report of a period summed per customer and month: what the page of many customers shows, the
 * chart draws and the JSON API's totals add up. Each line is the sum of the report's lines of that customer and month
 * (hours and amounts rounded per line first, as the lines show them), so a summary and the lines it sums never
 * disagree. {@code ratesUsed} and {@code missingRates} cover the whole period, as in {@link BillableHours}.
 */
public record BillableSummary(
        LocalDate from,
        LocalDate to,
        String baseCurrency,
        List<CustomerMonth> byCustomerAndMonth,
        List<String> ratesUsed,
        List<String> missingRates) {

    public BillableSummary {
        byCustomerAndMonth = List.copyOf(byCustomerAndMonth);
        ratesUsed = List.copyOf(ratesUsed);
        missingRates = List.copyOf(missingRates);
    }

    /** The summary of a report's lines, summed in Java (one customer's page, foreign-currency customers). */
    public static BillableSummary of(BillableHours report) {
        return new BillableSummary(
                report.from(),
                report.to(),
                report.baseCurrency(),
                report.byCustomerAndMonth(),
                report.ratesUsed(),
                report.missingRates());
    }

    public BigDecimal hours() {
        return byCustomerAndMonth.stream().map(CustomerMonth::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal unbilledHours() {
        return byCustomerAndMonth.stream().map(CustomerMonth::unbilledHours).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The sum of the lines that could be valued and converted, rounded (as {@link BillableHours#totalInBase()}). */
    public Money totalInBase() {
        return new Money(
                        byCustomerAndMonth.stream()
                                .map(CustomerMonth::amountInBase)
                                .reduce(BigDecimal.ZERO, BigDecimal::add),
                        Money.currency(baseCurrency))
                .rounded();
    }

    /** True when every line could be valued and converted. */
    public boolean complete() {
        return byCustomerAndMonth.stream().noneMatch(CustomerMonth::incomplete);
    }

    /** Hours per month, in month order, for the chart. */
    public Map<YearMonth, BigDecimal> hoursByMonth() {
        Map<YearMonth, BigDecimal> m = new TreeMap<>();
        byCustomerAndMonth.forEach(c -> m.merge(c.month(), c.hours(), BigDecimal::add));
        return m;
    }
}
