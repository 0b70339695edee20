package dev.clarity.bot.scenario;

import dev.clarity.bot.orchestrator.ports.OrchestratorSignals;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** OrchestratorSignals that record each signal as a line. */
final class RecordingSignals implements OrchestratorSignals {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void taskListChanged(long projectId, String commitSha) {
        calls.add("taskListChanged " + commitSha);
    }

    @Override
    public void manualPush(long projectId, String branch, String pusher, String commitSha) {
        calls.add("manualPush " + branch + " by " + pusher);
    }

    @Override
    public void pullRequestMerged(long projectId, int number, String headBranch, String baseBranch) {
        calls.add("merged #" + number + " " + headBranch + " -> " + baseBranch);
    }
}
