package dev.clarity.crm.reports;

import dev.clarity.crm.money.Money;
import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * Billable hours of one person on one project in one month: all of them, those not yet on an issued invoice, their
 * value at the applicable rate in the customer's currency ({@code null} without a rate), and that value in the base
 * currency ({@code null} when a rate is missing, never guessed).
 */
public record HoursRow(
        long customerId,
        String customer,
        long projectId,
        String project,
        long personId,
        String person,
        YearMonth month,
        BigDecimal hours,
        BigDecimal unbilledHours,
        Money amount,
        Money amountInBase) {}
