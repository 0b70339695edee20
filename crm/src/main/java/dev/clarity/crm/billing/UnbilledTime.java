package dev.clarity.crm.billing;

import java.math.BigDecimal;

/**
 * A billable time record not yet on an issued invoice, with the rate that applies to it (the person's rate on the
 * project, else the project's; null when neither is set), in the customer's billing currency per hour.
 */
public record UnbilledTime(
        long recordId,
        long projectId,
        String projectName,
        long personId,
        String personName,
        long billableSeconds,
        BigDecimal hourlyRate) {}
