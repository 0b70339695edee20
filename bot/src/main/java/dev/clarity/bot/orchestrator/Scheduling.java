package dev.clarity.bot.orchestrator;

/**
 * What the controls ask of the process that drives executions: whether it takes new runs, to claim now, to cancel a
 * running step. {@link Orchestrator} in a process that drives them; {@link #ELSEWHERE} in a process whose
 * executions another Clarity process on the same database drives ({@code clarity run} handing its execution to a
 * running {@code serve}).
 */
public interface Scheduling {
    /**
     * Another process drives the executions: it claims a queued run within its claim interval (half a second), and
     * its stop watcher cancels the running step of an execution whose stop was requested in the database.
     */
    Scheduling ELSEWHERE = new Scheduling() {
        @Override
        public boolean accepting() {
            return true;
        }

        @Override
        public void wake() {}

        @Override
        public void cancel(long executionId) {}
    };

    /** False once the process drains for shutdown: new runs are refused. */
    boolean accepting();

    /** Claims queued or resumed executions now rather than at the next round. */
    void wake();

    /** Cancels the running step of an execution driven here (emergency stop). */
    void cancel(long executionId);
}
