package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.ModelUsage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the loop and the tool steps account for what AI tools use, and ask what the budgets leave: the wall time of
 * every step carried out, the model usage of every tool step, and the budgets of {@code .clarity.yml} and the project
 * (the tighter holds). Each step's record is keyed by its idempotency key, so a step carried out again after a crash
 * replaces its record instead of counting twice. Implementations are thread-safe.
 */
public interface UsageAccount {
    /** The step took {@code wall} (recorded for every step of an item, whatever its outcome). */
    void took(StepContext ctx, String stepKey, Duration wall);

    /** The tool step's model requests, as the runner reported them (an empty list records nothing). */
    void used(StepContext ctx, String stepKey, String tool, List<ModelUsage> usage);

    /** What the item used, in Clarity's words (for its outcomes entry); empty when it made no model request. */
    Optional<String> described(long executionId, String taskId);

    /** The budget the item or its execution went over, as the sentence a person reads; empty when none. */
    Optional<String> crossed(StepContext ctx);

    /** As {@link #crossed}, a budget used up exactly included: asked before a tool step starts. */
    Optional<String> usedUp(StepContext ctx);

    /** The token limit to give the next tool step of the item; empty when no token or money budget applies. */
    OptionalLong tokenLimit(StepContext ctx);

    /** The wall time left to the item before a budget is crossed; empty when no wall-time budget applies. */
    Optional<Duration> wallLeft(StepContext ctx);

    /** Records nothing and sets no limits (tests of other parts, tools without a model). */
    UsageAccount NONE = new UsageAccount() {
        @Override
        public void took(StepContext ctx, String stepKey, Duration wall) {}

        @Override
        public void used(StepContext ctx, String stepKey, String tool, List<ModelUsage> usage) {}

        @Override
        public Optional<String> described(long executionId, String taskId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> crossed(StepContext ctx) {
            return Optional.empty();
        }

        @Override
        public Optional<String> usedUp(StepContext ctx) {
            return Optional.empty();
        }

        @Override
        public OptionalLong tokenLimit(StepContext ctx) {
            return OptionalLong.empty();
        }

        @Override
        public Optional<Duration> wallLeft(StepContext ctx) {
            return Optional.empty();
        }
    };
}
