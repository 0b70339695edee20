package dev.clarity.bot.render;

import java.util.LinkedHashMap;
import java.util.Map;

/** The title and body of a task's pull request. Pure. */
public final class PullRequestBody {
    private static final Template TEMPLATE = Template.load("pull-request");

    private PullRequestBody() {}

    /** "Task 2.3: Add the login form". */
    public static String title(TaskReport task) {
        return "Task " + task.taskId() + ": " + task.title();
    }

    public static String render(TaskReport task) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("taskId", task.taskId());
        v.put("title", task.title());
        v.put(
                "goal",
                task.goal() == null || task.goal().isBlank()
                        ? ""
                        : "\n" + task.goal().strip() + "\n");
        v.put("passed", Long.toString(task.count(Verdict.PASSED)));
        v.put("failed", Long.toString(task.count(Verdict.FAILED)));
        v.put("unchecked", Long.toString(task.count(Verdict.NOT_MACHINE_CHECKED)));
        v.put("criteria", CriteriaTable.render(task.criteria()));
        v.put(
                "attempts",
                task.attempts() == 0
                        ? "first attempt"
                        : task.attempts() + (task.attempts() == 1 ? " repair attempt" : " repair attempts"));
        v.put("tool", task.tool() == null ? "none" : "`" + task.tool() + "`");
        v.put(
                "artifacts",
                task.artifactsUrl() == null
                        ? "none"
                        : "[artifacts/" + task.taskId() + "/](" + task.artifactsUrl() + ")");
        v.put("marker", "<!-- clarity:pr:" + task.executionId() + "/" + task.taskId() + " -->");
        return TEMPLATE.fill(v);
    }
}
