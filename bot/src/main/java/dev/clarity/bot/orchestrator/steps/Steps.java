package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.ExecutionLoop;
import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.orchestrator.RepoSettings;
import dev.clarity.bot.orchestrator.StepHandler;
import dev.clarity.vocabulary.Step;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;

/** The step handlers Clarity carries out, and the execution loop that dispatches to them. */
public final class Steps {
    private Steps() {}

    /** One handler per step the loop carries out (every step but SKIPPED and HUMAN_REVIEW). */
    public static Map<Step, StepHandler> standard(StepKit kit) {
        Criteria criteria = new Criteria(kit);
        Map<Step, StepHandler> steps = new EnumMap<>(Step.class);
        steps.put(Step.SELECT, new SelectStep(kit));
        steps.put(Step.PREP, new PrepStep(kit, criteria));
        steps.put(Step.IMPLEMENT, new ImplementStep(kit));
        steps.put(Step.VERIFY, new VerifyStep(kit, criteria));
        steps.put(Step.ERROR_SOLVE, new ErrorSolveStep(kit));
        steps.put(Step.HUMAN_CHECK, new HumanCheckStep(kit, criteria));
        steps.put(Step.MERGE, new MergeStep(kit));
        steps.put(Step.PUSH, new PushStep(kit));
        steps.put(Step.DONE, new DoneStep(kit));
        return steps;
    }

    /**
     * The loop over the standard steps.
     *
     * @param settings reads {@code .clarity.yml} of a workspace (workspace id, execution) into settings
     */
    public static ExecutionLoop loop(StepKit kit, BiFunction<String, ExecutionSnapshot, RepoSettings> settings) {
        return new ExecutionLoop(
                kit.store,
                kit.runner,
                kit.files,
                kit.publisher,
                settings,
                kit.credentials,
                standard(kit),
                kit.usage,
                kit.timer,
                kit.meters,
                kit.clock);
    }
}
