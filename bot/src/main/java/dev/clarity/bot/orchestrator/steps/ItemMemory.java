package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.runner.api.Failure;
import dev.clarity.runner.api.VerifyResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last VERIFY and diff of each item in progress, for the repair prompt, the outcome entry and the pull request;
 * forgotten once the item is pushed. After a restart they are empty: the repair prompt then falls back to the stored
 * error summary. Thread-safe.
 */
final class ItemMemory {
    private final Map<String, VerifyResult> lastVerify = new ConcurrentHashMap<>();
    private final Map<String, String> lastDiff = new ConcurrentHashMap<>();

    void verified(StepContext ctx, VerifyResult result) {
        lastVerify.put(key(ctx), result);
    }

    Optional<VerifyResult> lastVerify(StepContext ctx) {
        return Optional.ofNullable(lastVerify.get(key(ctx)));
    }

    /** The criterion keys that passed at the last VERIFY (none known after a restart). */
    List<String> passed(StepContext ctx) {
        return lastVerify(ctx).map(VerifyResult::passed).orElse(List.of());
    }

    /** The criterion keys that failed at the last VERIFY (none known after a restart). */
    List<String> failed(StepContext ctx) {
        return lastVerify(ctx)
                .map(v -> v.failed().stream().map(Failure::criterionKey).toList())
                .orElse(List.of());
    }

    void diff(StepContext ctx, String diff) {
        lastDiff.put(key(ctx), diff);
    }

    String lastDiff(StepContext ctx) {
        return lastDiff.getOrDefault(key(ctx), "");
    }

    /** The item is pushed: nothing of it is needed any more. */
    void forget(StepContext ctx) {
        lastVerify.remove(key(ctx));
        lastDiff.remove(key(ctx));
    }

    private static String key(StepContext ctx) {
        return ctx.executionId() + "/" + ctx.taskId();
    }
}
