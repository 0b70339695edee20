package dev.clarity.runner.gateway;

import dev.clarity.runner.api.ModelUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage of one step's model requests and its token limit ({@code maxTokens}, 0 for none). Once the step's input
 * and output tokens together reach the limit, {@link #admit()} refuses further requests (a request under way is let
 * finish: its usage is only known at its end). Thread-safe.
 */
final class StepMeter {
    private final long maxTokens;
    private final List<ModelUsage> usage = new ArrayList<>();
    private long total;
    private int refused;

    StepMeter(long maxTokens) {
        this.maxTokens = maxTokens;
    }

    synchronized void record(ModelUsage used) {
        usage.add(used);
        total += used.totalTokens();
    }

    /** True when another request may go upstream; false (and counted) when the limit is used up. */
    synchronized boolean admit() {
        if (maxTokens > 0 && total >= maxTokens) {
            refused++;
            return false;
        }
        return true;
    }

    synchronized List<ModelUsage> usage() {
        return List.copyOf(usage);
    }

    synchronized long total() {
        return total;
    }

    long maxTokens() {
        return maxTokens;
    }

    /** True when the limit was crossed: usage went over it, or a request was refused for it. */
    synchronized boolean crossed() {
        return maxTokens > 0 && (total > maxTokens || refused > 0);
    }

    /** One sentence naming the budget and what was used, for the tool's error and the item's review reason. */
    synchronized String describe() {
        return "the step's token budget of " + maxTokens + " tokens was used up (" + total + " tokens used in "
                + usage.size() + " model requests); further model requests were refused";
    }
}
