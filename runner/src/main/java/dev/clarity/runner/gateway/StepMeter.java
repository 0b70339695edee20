package dev.clarity.runner.gateway;

import dev.clarity.runner.api.ModelUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage of one step's model requests and its token limit ({@code maxTokens}, 0 for none). Once the step's input
 * and output tokens together reach the limit, {@link #admit()} refuses further requests (a request under way is let
 * finish: its usage is only known at its end). The moment the limit is crossed — an answer's usage goes over it, or a
 * request is refused for it — the action given to {@link #whenCrossed} runs, once, on the thread that noticed (never
 * under the meter's lock). Thread-safe.
 */
final class StepMeter {
    private final long maxTokens;
    private final List<ModelUsage> usage = new ArrayList<>();
    private long total;
    private int refused;
    private Runnable whenCrossed = () -> {};
    private boolean told;

    StepMeter(long maxTokens) {
        this.maxTokens = maxTokens;
    }

    void record(ModelUsage used) {
        Runnable tell;
        synchronized (this) {
            usage.add(used);
            total += used.totalTokens();
            tell = toTell();
        }
        tell.run();
    }

    /** True when another request may go upstream; false (and counted) when the limit is used up. */
    boolean admit() {
        Runnable tell;
        synchronized (this) {
            if (maxTokens <= 0 || total < maxTokens) {
                return true;
            }
            refused++;
            tell = toTell();
        }
        tell.run();
        return false;
    }

    /** Runs {@code action} once the limit is crossed: at once when it already is. */
    void whenCrossed(Runnable action) {
        Runnable tell;
        synchronized (this) {
            whenCrossed = action;
            tell = toTell();
        }
        tell.run();
    }

    /** The action to run now: the crossing action the first time the limit is found crossed, else nothing. */
    private Runnable toTell() {
        if (told || !crossed()) {
            return () -> {};
        }
        told = true;
        return whenCrossed;
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
