package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.tasks.Criterion;
import dev.clarity.tasks.CriterionAttributes;
import java.util.List;

/**
 * Translates criteria between the task-list engine, which knows no other module, and the runner's API: the
 * criteria an item carries go to the runner as {@link CriterionSpec}s, and the repository's default criteria (read
 * by the runner's config parser) go back into the file as {@link CriterionAttributes}. Field for field, nothing lost.
 */
public final class RunnerCriteria {
    private RunnerCriteria() {}

    public static List<CriterionSpec> specs(List<Criterion.Programmable> criteria) {
        return criteria.stream().map(RunnerCriteria::spec).toList();
    }

    public static List<CriterionAttributes> attributes(List<CriterionSpec> specs) {
        return specs.stream()
                .map(s -> new CriterionAttributes(s.key(), s.kind(), s.check(), s.target(), s.args(), s.text()))
                .toList();
    }

    private static CriterionSpec spec(Criterion.Programmable c) {
        return new CriterionSpec(c.key(), c.kind(), c.check(), c.target(), c.args(), c.text());
    }
}
