package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.config.BudgetConfig;
import dev.clarity.vocabulary.MergePolicy;
import java.util.List;
import java.util.Locale;

/**
 * What the orchestrator takes from a repository's {@code .clarity.yml}: where the lists are, the merge policy,
 * the criteria injected under a bare {@code B} line, the gate patterns, and the budgets of AI tool use.
 */
public record RepoSettings(
        String tasksPath,
        String outcomesPath,
        MergePolicy mergePolicy,
        List<CriterionSpec> defaults,
        List<String> gates,
        BudgetConfig budget) {
    public RepoSettings {
        defaults = List.copyOf(defaults);
        gates = List.copyOf(gates);
        budget = budget == null ? BudgetConfig.DEFAULT : budget;
    }

    /** Without budgets of the repository's own (the project's may still apply). */
    public RepoSettings(
            String tasksPath,
            String outcomesPath,
            MergePolicy mergePolicy,
            List<CriterionSpec> defaults,
            List<String> gates) {
        this(tasksPath, outcomesPath, mergePolicy, defaults, gates, BudgetConfig.DEFAULT);
    }

    /** True when the title contains a gate pattern (case-insensitive). */
    public boolean gated(String title) {
        String t = title.toLowerCase(Locale.ROOT);
        return gates.stream().anyMatch(g -> t.contains(g.toLowerCase(Locale.ROOT)));
    }
}
