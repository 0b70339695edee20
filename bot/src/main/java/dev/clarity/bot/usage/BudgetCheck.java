package dev.clarity.bot.usage;

import dev.clarity.runner.config.BudgetConfig;
import dev.clarity.runner.config.BudgetLimits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Budgets against usage, as pure functions: which budget an item or its execution crossed (the sentence a person
 * reads), what is left of them as a token limit for the next tool step, and how much wall time is left. Item budgets
 * are looked at before execution budgets; within each, tokens, then money, then wall time.
 */
public final class BudgetCheck {
    private BudgetCheck() {}

    /**
     * For each limit, the tighter of the two ({@code .clarity.yml} and the project's): a repository cannot raise the
     * limit its project sets, and a project cannot raise the repository's own.
     */
    public static BudgetConfig tighter(BudgetConfig a, BudgetConfig b) {
        return new BudgetConfig(tighter(a.item(), b.item()), tighter(a.execution(), b.execution()));
    }

    static BudgetLimits tighter(BudgetLimits a, BudgetLimits b) {
        return new BudgetLimits(
                least(a.tokens(), b.tokens()), least(a.money(), b.money()), least(a.wallTime(), b.wallTime()));
    }

    /** The lesser of two limits, null meaning no limit. */
    private static <T extends Comparable<? super T>> T least(T a, T b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The first budget that {@code item} or {@code execution} went over (strictly), as "token budget of 200,000 per
     * item crossed: 203,114 used"; empty when none. Checked after every step.
     */
    public static Optional<String> crossed(BudgetConfig budgets, UsageTotals item, UsageTotals execution) {
        return over(budgets.item(), item, "item", false)
                .or(() -> over(budgets.execution(), execution, "execution", false));
    }

    /**
     * As {@link #crossed}, but a budget used up exactly counts too: checked before a tool step, which would have
     * nothing left to work with.
     */
    public static Optional<String> usedUp(BudgetConfig budgets, UsageTotals item, UsageTotals execution) {
        return over(budgets.item(), item, "item", true)
                .or(() -> over(budgets.execution(), execution, "execution", true));
    }

    /**
     * The token limit of the next tool step: what is left of the token budgets, and of the money budgets at
     * {@code dearest} (the price of the dearest model, since the model a tool asks for is not known in advance),
     * whichever is least; empty when no token or money budget is set. Never negative.
     */
    public static OptionalLong tokenLimit(
            BudgetConfig budgets, UsageTotals item, UsageTotals execution, Price dearest) {
        OptionalLong limit = OptionalLong.empty();
        limit = least(limit, tokensLeft(budgets.item(), item));
        limit = least(limit, tokensLeft(budgets.execution(), execution));
        limit = least(limit, moneyLeftAsTokens(budgets.item(), item, dearest));
        limit = least(limit, moneyLeftAsTokens(budgets.execution(), execution, dearest));
        return limit;
    }

    /** The wall time left before an item or execution budget is crossed; empty when neither is set. */
    public static Optional<Duration> wallLeft(BudgetConfig budgets, UsageTotals item, UsageTotals execution) {
        Optional<Duration> itemLeft =
                Optional.ofNullable(budgets.item().wallTime()).map(w -> w.minus(item.wallTime()));
        Optional<Duration> executionLeft =
                Optional.ofNullable(budgets.execution().wallTime()).map(w -> w.minus(execution.wallTime()));
        Optional<Duration> left = itemLeft.isEmpty()
                ? executionLeft
                : executionLeft.map(e -> min(e, itemLeft.get())).or(() -> itemLeft);
        return left.map(d -> d.isNegative() ? Duration.ZERO : d);
    }

    private static Optional<String> over(BudgetLimits limits, UsageTotals used, String per, boolean orEqual) {
        if (limits.tokens() != null && beyond(Long.compare(used.tokens(), limits.tokens()), orEqual)) {
            return Optional.of("token budget of " + UsageTotals.tokens(limits.tokens()) + " per " + per + " "
                    + verb(orEqual) + ": " + UsageTotals.tokens(used.tokens()) + " used");
        }
        if (limits.money() != null && beyond(used.cost().compareTo(limits.money()), orEqual)) {
            return Optional.of("money budget of " + UsageTotals.dollars(limits.money()) + " per " + per + " "
                    + verb(orEqual) + ": " + UsageTotals.dollars(used.cost()) + " used");
        }
        if (limits.wallTime() != null && beyond(used.wallTime().compareTo(limits.wallTime()), orEqual)) {
            return Optional.of("wall-time budget of " + minutes(limits.wallTime()) + " per " + per + " " + verb(orEqual)
                    + ": " + minutes(used.wallTime()) + " used");
        }
        return Optional.empty();
    }

    private static boolean beyond(int comparison, boolean orEqual) {
        return orEqual ? comparison >= 0 : comparison > 0;
    }

    private static String verb(boolean orEqual) {
        return orEqual ? "used up" : "crossed";
    }

    private static OptionalLong tokensLeft(BudgetLimits limits, UsageTotals used) {
        return limits.tokens() == null
                ? OptionalLong.empty()
                : OptionalLong.of(Math.max(0, limits.tokens() - used.tokens()));
    }

    private static OptionalLong moneyLeftAsTokens(BudgetLimits limits, UsageTotals used, Price dearest) {
        if (limits.money() == null) {
            return OptionalLong.empty();
        }
        BigDecimal left = limits.money().subtract(used.cost());
        if (left.signum() <= 0) {
            return OptionalLong.of(0);
        }
        BigDecimal perMillion = dearest.dearestPerMillion();
        if (perMillion.signum() == 0) {
            return OptionalLong.empty(); // every known model is free: money sets no token limit
        }
        BigDecimal tokens = left.movePointRight(6).divide(perMillion, 0, RoundingMode.FLOOR);
        return OptionalLong.of(tokens.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue());
    }

    private static OptionalLong least(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : OptionalLong.of(Math.min(a.getAsLong(), b.getAsLong()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** "45 min", "1 h 30 min", "40 s", "1.5 s" */
    static String minutes(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            long tenths = d.toMillis() / 100;
            return (tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10)) + " s";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        return h == 0 ? m + " min" : m == 0 ? h + " h" : h + " h " + m + " min";
    }
}
