package dev.clarity.bot.orchestrator;

/** A person's control on a running or held execution; the input of {@link Transitions#onControl}. */
public sealed interface Control {
    /** Emergency stop. */
    record Stop() implements Control {}

    /** Continue at the interrupted step. */
    record Resume() implements Control {}

    /** A fresh set of attempts for the item in human review ({@code taskId} null: the current one). */
    record Retry(String taskId) implements Control {}

    /** Leave the item undone and move on. */
    record Skip(String taskId) implements Control {}

    /**
     * Release a gate (SELECT then takes the item), or, with {@code resumeAt}, an item held mid-way: it continues at
     * that step with {@code attempts} (VERIFY after a protected change, MERGE after a risky diff).
     */
    record Approve(String taskId, dev.clarity.vocabulary.Step resumeAt, int attempts) implements Control {
        /** The approval of a title gate. */
        public Approve(String taskId) {
            this(taskId, null, 0);
        }
    }

    /**
     * A person pushed to the branch of {@code taskId} (told by the push webhook, or by a resume after they pushed):
     * check their commit against the item's criteria.
     */
    record PersonPushed(String taskId) implements Control {}

    /** The merge the execution waited for happened (merge policy wait). */
    record Merged() implements Control {}
}
