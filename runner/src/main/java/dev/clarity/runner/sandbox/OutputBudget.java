package dev.clarity.runner.sandbox;

import java.util.concurrent.atomic.AtomicInteger;

/** How many lines a step may still print; shared by its stdout and stderr. Thread-safe. */
final class OutputBudget {
    private final AtomicInteger left;
    private volatile boolean exceeded;

    OutputBudget(int maxLines) {
        this.left = new AtomicInteger(maxLines);
    }

    boolean take() {
        if (left.getAndDecrement() > 0) {
            return true;
        }
        exceeded = true;
        return false;
    }

    boolean exceeded() {
        return exceeded;
    }
}
