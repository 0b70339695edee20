package dev.clarity.crm.reports;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * The billable hours of one customer in one month, summed over its projects and people: the report page's summary
 * line. {@code amountInBase} sums the rows that could be valued and converted; {@code incomplete} says some could not.
 */
public record CustomerMonth(
        long customerId,
        String customer,
        YearMonth month,
        BigDecimal hours,
        BigDecimal unbilledHours,
        BigDecimal amountInBase,
        boolean incomplete) {

    CustomerMonth plus(HoursRow r) {
        return new CustomerMonth(
                customerId,
                customer,
                month,
                hours.add(r.hours()),
                unbilledHours.add(r.unbilledHours()),
                r.amountInBase() == null
                        ? amountInBase
                        : amountInBase.add(r.amountInBase().amount()),
                incomplete || r.amountInBase() == null);
    }

    static CustomerMonth of(HoursRow r) {
        return new CustomerMonth(
                        r.customerId(),
                        r.customer(),
                        r.month(),
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        false)
                .plus(r);
    }
}
