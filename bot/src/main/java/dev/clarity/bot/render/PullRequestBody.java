package dev.clarity.bot.render;

import dev.clarity.bot.markdown.Markdown;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The title and body of a task's pull request. Everything from the task list or a tool is escaped with
 * {@link Markdown} (the title as plain text, since GitHub shows titles without Markdown). Pure.
 */
public final class PullRequestBody {
    private static final Template TEMPLATE = Template.load("pull-request");

    private PullRequestBody() {}

    /**
     * "Task 2.3: Add the login form". GitHub shows a title as plain text (HTML and Markdown are not interpreted, so
     * nothing is escaped that would show as a backslash or an entity), but links {@code #12} and may render code in
     * backticks; mentions and references are broken as in bodies, and the title is kept to GitHub's 256 characters.
     */
    public static String title(TaskReport task) {
        return Markdown.plain("Task " + task.taskId() + ": " + task.title(), Markdown.TITLE_LIMIT);
    }

    public static String render(TaskReport task) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("taskId", Markdown.inline(task.taskId()));
        v.put("title", Markdown.inline(task.title(), Markdown.TITLE_LIMIT));
        v.put("goal", task.goal() == null || task.goal().isBlank() ? "" : "\n" + Markdown.block(task.goal()) + "\n");
        v.put("passed", Long.toString(task.count(Verdict.PASSED)));
        v.put("failed", Long.toString(task.count(Verdict.FAILED)));
        v.put("unchecked", Long.toString(task.count(Verdict.NOT_MACHINE_CHECKED)));
        v.put("criteria", CriteriaTable.render(task.criteria()));
        v.put(
                "attempts",
                task.attempts() == 0
                        ? "first attempt"
                        : task.attempts() + (task.attempts() == 1 ? " repair attempt" : " repair attempts"));
        v.put("tool", task.tool() == null ? "none" : Markdown.codeInCell(task.tool()));
        v.put("usage", task.usage() == null ? "" : "\n| model usage | " + Markdown.cell(task.usage()) + " |");
        v.put(
                "artifacts",
                task.artifactsUrl() == null
                        ? "none"
                        : Markdown.link("artifacts/" + task.taskId() + "/", task.artifactsUrl()));
        v.put("marker", "<!-- clarity:pr:" + task.executionId() + "/" + Markdown.inline(task.taskId()) + " -->");
        return TEMPLATE.fill(v);
    }
}
