package dev.clarity.crm.billing;

import java.util.List;

/** A drafted line with the time records and cost lines it gathers (billed together when the invoice is issued). */
public record DraftLine(InvoiceLine line, List<Long> timeRecordIds, List<Long> costLineIds) {
    public DraftLine {
        timeRecordIds = List.copyOf(timeRecordIds);
        costLineIds = List.copyOf(costLineIds);
    }
}
