package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.CriterionReport;
import java.util.List;

/**
 * Where finished steps are announced beyond the repository: on GitHub, a pull request, a check run and the
 * progress comment; in local mode, nowhere. Every method is idempotent (found again before created again) and may
 * be called again after a crash.
 */
public interface ItemPublisher {
    /** The item's branch exists: start its check run. */
    void started(ExecutionSnapshot execution, String taskId, String title);

    /**
     * The item's branch is pushed: open or update its pull request (base {@code item.baseBranch()}) and complete the
     * check run. Returns the pull request's URL, or null when there is none (local mode). Throws {@link NotTaken}
     * when the forge did not take the write even after retrying; the caller tries again later.
     */
    String pushed(ExecutionSnapshot execution, PushedItem item);

    /**
     * The forge did not take a write (it is down, or limits it); nothing is lost, the write is made again later, not
     * before {@code retryAt} when the forge said when its rate limit ends (null when it did not).
     */
    final class NotTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient java.time.Instant retryAt;

        public NotTaken(String message, Throwable cause) {
            this(message, cause, null);
        }

        public NotTaken(String message, Throwable cause, java.time.Instant retryAt) {
            super(message, cause);
            this.retryAt = retryAt;
        }

        public java.util.Optional<java.time.Instant> retryAt() {
            return java.util.Optional.ofNullable(retryAt);
        }
    }

    /**
     * What a pushed item carries to GitHub; {@code reports} is each criterion's evidence from the last VERIFY (empty
     * when this process did not run it, after a restart).
     */
    record PushedItem(
            String taskId,
            String title,
            String branch,
            String baseBranch,
            String commit,
            List<String> passed,
            List<String> failed,
            List<String> notMachineChecked,
            int attempts,
            String tool,
            String artifactsPath,
            List<CriterionReport> reports) {
        public PushedItem {
            passed = List.copyOf(passed);
            failed = List.copyOf(failed);
            notMachineChecked = List.copyOf(notMachineChecked);
            reports = reports == null ? List.of() : List.copyOf(reports);
        }

        public PushedItem(
                String taskId,
                String title,
                String branch,
                String baseBranch,
                String commit,
                List<String> passed,
                List<String> failed,
                List<String> notMachineChecked,
                int attempts,
                String tool,
                String artifactsPath) {
            this(
                    taskId,
                    title,
                    branch,
                    baseBranch,
                    commit,
                    passed,
                    failed,
                    notMachineChecked,
                    attempts,
                    tool,
                    artifactsPath,
                    List.of());
        }
    }

    /** The execution moved (badge or item): refresh the progress comment. */
    void progressed(ExecutionSnapshot execution, String note);

    /**
     * True when this publisher's forge reports merged pull requests (a webhook resumes {@code wait}); false in local
     * mode, where a resumed {@code wait} first asks the runner whether the item's branch is in the default branch.
     */
    default boolean reportsMerges() {
        return false;
    }

    /** Publishes nothing: local mode. */
    ItemPublisher NONE = new ItemPublisher() {
        @Override
        public void started(ExecutionSnapshot execution, String taskId, String title) {}

        @Override
        public String pushed(ExecutionSnapshot execution, PushedItem item) {
            return null;
        }

        @Override
        public void progressed(ExecutionSnapshot execution, String note) {}
    };
}
