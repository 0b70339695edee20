package dev.clarity.crm.billing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A person's billable time on a project not yet on an issued invoice, summed in SQL over its records, with the rate
 * that applies (the person's rate on the project, else the project's; null when neither is set), in the customer's
 * billing currency per hour.
 */
public record UnbilledTime(
        long projectId,
        String projectName,
        long personId,
        String personName,
        long billableSeconds,
        BigDecimal hourlyRate,
        List<Long> recordIds) {
    public UnbilledTime {
        recordIds = List.copyOf(recordIds);
    }
}
