package dev.clarity.crm.billing;

import dev.clarity.crm.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups unbilled time and costs into invoice lines, without I/O: one line per project and person for time (hours
 * from billable seconds, 4 decimals, at that person's rate; the sums come from SQL, one {@link UnbilledTime} per
 * project and person, but several for one pair are added up too), one line per project and kind for costs. Lines are
 * ordered by project, then time before costs, then person. A group without a rate refuses the whole draft (field
 * {@code rate}); no sources at all refuse it too (field {@code period}).
 */
public final class Drafting {
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private Drafting() {}

    /** The lines, or why there are none. */
    public static Result lines(Currency currency, List<UnbilledTime> time, List<UnbilledCost> costs) {
        if (time.isEmpty() && costs.isEmpty()) {
            return new Result.Refused(Map.of(
                    "period",
                    "There is no unbilled billable time or cost for this customer in this period: an invoice needs"
                            + " at least one line."));
        }
        Map<String, List<UnbilledTime>> byPerson = new TreeMap<>();
        for (UnbilledTime t : time) {
            String key =
                    t.projectName() + "\u0000" + t.projectId() + "\u0000" + t.personName() + "\u0000" + t.personId();
            byPerson.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        Map<String, String> missing = new LinkedHashMap<>();
        List<Grouped> grouped = new ArrayList<>();
        for (List<UnbilledTime> group : byPerson.values()) {
            UnbilledTime first = group.getFirst();
            BigDecimal rate = first.hourlyRate();
            if (rate == null) {
                missing.merge(
                        "rate",
                        "No hourly rate for " + first.personName() + " on " + first.projectName()
                                + ": set the project's rate or this person's rate on it.",
                        (a, b) -> a + " " + b);
                continue;
            }
            long seconds =
                    group.stream().mapToLong(UnbilledTime::billableSeconds).sum();
            BigDecimal hours = BigDecimal.valueOf(seconds).divide(SECONDS_PER_HOUR, 4, RoundingMode.HALF_EVEN);
            grouped.add(new Grouped(
                    first.projectName(),
                    0,
                    first.personName(),
                    line -> InvoiceLine.priced(
                            line,
                            first.projectId(),
                            first.personId(),
                            first.projectName() + " — " + first.personName(),
                            hours,
                            "h",
                            new Money(rate, currency)),
                    group.stream().flatMap(t -> t.recordIds().stream()).toList(),
                    List.of()));
        }
        if (!missing.isEmpty()) {
            return new Result.Refused(missing);
        }
        Map<String, List<UnbilledCost>> byKind = new TreeMap<>();
        for (UnbilledCost c : costs) {
            byKind.computeIfAbsent(
                            c.projectName() + "\u0000" + c.projectId() + "\u0000" + c.kind(), k -> new ArrayList<>())
                    .add(c);
        }
        for (List<UnbilledCost> group : byKind.values()) {
            UnbilledCost first = group.getFirst();
            BigDecimal quantity = group.stream().map(UnbilledCost::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            Money amount = group.stream()
                    .map(UnbilledCost::amount)
                    .reduce(Money.zero(currency), Money::plus)
                    .rounded();
            boolean perUnit = quantity.signum() > 0;
            Money unitPrice =
                    perUnit ? new Money(amount.amount().divide(quantity, 4, RoundingMode.HALF_EVEN), currency) : amount;
            grouped.add(new Grouped(
                    first.projectName(),
                    1,
                    first.kind(),
                    line -> new InvoiceLine(
                            line,
                            first.projectId(),
                            null,
                            first.projectName() + " — " + first.kind().replace('_', ' '),
                            perUnit ? quantity : BigDecimal.ONE,
                            perUnit ? first.unit() : "item",
                            unitPrice,
                            amount),
                    List.of(),
                    group.stream().map(UnbilledCost::costLineId).toList()));
        }
        grouped.sort(Comparator.comparing(Grouped::project)
                .thenComparingInt(Grouped::order)
                .thenComparing(Grouped::within));
        List<DraftLine> lines = new ArrayList<>();
        for (Grouped g : grouped) {
            lines.add(new DraftLine(g.line().apply(lines.size() + 1), g.timeIds(), g.costIds()));
        }
        return new Result.Lines(lines);
    }

    private record Grouped(
            String project,
            int order,
            String within,
            java.util.function.IntFunction<InvoiceLine> line,
            List<Long> timeIds,
            List<Long> costIds) {}

    /** The drafted lines, or one message per field saying why there are none. */
    public sealed interface Result {
        /** Lines in order, each with its sources. */
        record Lines(List<DraftLine> lines) implements Result {}

        /** Nothing can be drafted; messages for the user. */
        record Refused(Map<String, String> errors) implements Result {}
    }
}
