package dev.clarity.dashboard.crm;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A project's plan as its page shows it: billing settings, milestones with their tasks, members with their rates,
 * the time recorded so far, and the executions beside.
 *
 * @param hourlyRate per hour in {@code currency}, or null
 * @param budgetHours or null for none
 * @param budgetMoney in {@code currency}, or null for none
 * @param machineRate the project's own price per hour of machine time in {@code baseCurrency}, or null: the
 *     organisation's
 * @param baseCurrency the organisation's base currency, in which machine time is priced
 * @param organisationMachineRate the organisation's machine rate, or null when machine time is not priced
 */
public record ProjectPlan(
        long id,
        String name,
        String customer,
        String currency,
        BigDecimal hourlyRate,
        BigDecimal budgetHours,
        BigDecimal budgetMoney,
        boolean billable,
        String rounding,
        BigDecimal machineRate,
        String baseCurrency,
        BigDecimal organisationMachineRate,
        long recordedSeconds,
        long billableSeconds,
        List<Milestone> milestones,
        List<Task> tasks,
        List<Member> members,
        List<ExecutionLine> executions) {

    /** A milestone; {@code dueOn} may be null. */
    public record Milestone(long id, String name, LocalDate dueOn) {}

    /** A task; {@code milestoneId} null for tasks outside any milestone, {@code billable} null follows the project. */
    public record Task(long id, Long milestoneId, String name, Boolean billable, boolean done) {}

    /** A member; {@code hourlyRate} null uses the project's. */
    public record Member(long personId, String login, BigDecimal hourlyRate) {}

    /** One of the project's executions. */
    public record ExecutionLine(long id, String badge, OffsetDateTime createdAt) {}

    public List<Task> tasksOf(Long milestone) {
        return tasks.stream()
                .filter(t -> milestone == null ? t.milestoneId() == null : milestone.equals(t.milestoneId()))
                .toList();
    }

    public String hoursUsed() {
        return BigDecimal.valueOf(billableSeconds)
                .divide(BigDecimal.valueOf(3600), 2, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }
}
