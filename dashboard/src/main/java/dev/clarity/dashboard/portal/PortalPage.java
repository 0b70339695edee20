package dev.clarity.dashboard.portal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What a client sees at {@code /portal}: their customer's projects, proposals and issued invoices. */
public record PortalPage(List<ProjectProgress> projects, List<ProposalLine> proposals, List<InvoiceLine> invoices) {
    /** One project with its executions (newest first), the tasks done and the pull requests opened for it. */
    public record ProjectProgress(
            long id, String name, List<ExecutionLine> executions, int tasksDone, List<String> pullRequests) {}

    /** One execution of a project and its badge. */
    public record ExecutionLine(long id, String badge) {}

    /** A proposal's state with its latest version's title and total. */
    public record ProposalLine(long id, String title, String state, BigDecimal total, String currency) {}

    /** An issued (or paid, or void) invoice or credit note. */
    public record InvoiceLine(
            long id, String number, String state, LocalDate issuedOn, BigDecimal total, String currency) {}
}
