package dev.clarity.bot.autonomy;

import dev.clarity.testkit.autonomy.GeneratedList;
import dev.clarity.testkit.autonomy.StandInTool;
import dev.clarity.testkit.autonomy.Verdict;
import dev.clarity.vocabulary.Badge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one execution of a generated list with one stand-in tool earned, as measured after it ended.
 *
 * @param badge how the execution ended
 * @param heldAt the item it waits at for a person (HUMAN_REVIEW), or null
 * @param reason the last event of the execution (why it waits, or "every item is done")
 * @param done the items Clarity recorded DONE
 * @param ticked the items marked ✅ in the task list of any pushed branch (whoever wrote the mark)
 * @param toolRuns per task leaf, how many times the tool ran on it
 * @param leaks each credential found, with where ({@code "event log: …"}, {@code "pushed commit abc: path"}…)
 * @param escapes what the tool did outside its sandbox: files written outside the workspace, connections it opened
 */
public record ListRun(
        GeneratedList list,
        StandInTool tool,
        Badge badge,
        String heldAt,
        String reason,
        Set<String> done,
        Set<String> ticked,
        Map<String, Integer> toolRuns,
        List<String> leaks,
        List<String> escapes,
        Duration duration) {
    /** Items with a ✅ (recorded done, or marked in a pushed task list) that the tool could not have earned. */
    public List<String> falseTicks() {
        if (tool.canDoTheWork()) {
            return List.of();
        }
        return list.atomicItems().stream()
                .filter(id -> done.contains(id) || ticked.contains(id))
                .toList();
    }

    /** Items a capable tool worked toward that did not end done. */
    public List<String> doableButNotDone() {
        if (!tool.canDoTheWork()) {
            return List.of();
        }
        return list.atomicItems().stream().filter(id -> !done.contains(id)).toList();
    }

    /** For the leaf this run was held at after failing its checks, how often the tool ran there; else empty. */
    public Map<String, Integer> failingLeafRuns() {
        if (heldAt == null || !list.leaves().contains(heldAt)) {
            return Map.of();
        }
        return Map.of(heldAt, toolRuns.getOrDefault(heldAt, 0));
    }

    /** Where this run differs from the tool's expectation, one sentence each; empty when it matches. */
    public List<String> deviations() {
        List<String> out = new ArrayList<>();
        var expected = tool.expectation();
        if (expected.verdict() == Verdict.COMPLETED) {
            if (badge != Badge.COMPLETED) {
                out.add("expected COMPLETED, ended " + badge + " at " + heldAt + ": " + reason);
            }
            for (String leaf : list.leaves()) {
                int runs = toolRuns.getOrDefault(leaf, 0);
                if (done.contains(leaf) && runs != expected.toolRunsPerLeaf()) {
                    out.add("leaf " + leaf + ": " + runs + " tool runs, expected " + expected.toolRunsPerLeaf());
                }
            }
        } else {
            String first = list.leaves().getFirst();
            if (badge != Badge.BLOCKED || !first.equals(heldAt)) {
                out.add("expected to be held at " + first + ", ended " + badge + " at " + heldAt + ": " + reason);
            } else if (!reason.contains(expected.reasonMentions())) {
                out.add("held at " + first + " without naming " + expected.reasonMentions() + ": " + reason);
            }
            int runs = toolRuns.getOrDefault(first, 0);
            if (runs != expected.toolRunsPerLeaf()) {
                out.add("leaf " + first + ": " + runs + " tool runs, expected " + expected.toolRunsPerLeaf());
            }
        }
        falseTicks().forEach(id -> out.add("false ✅ on " + id));
        leaks.forEach(l -> out.add("secret leaked: " + l));
        escapes.forEach(e -> out.add("escaped the sandbox: " + e));
        return out;
    }
}
