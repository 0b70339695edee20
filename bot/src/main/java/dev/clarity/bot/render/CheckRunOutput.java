package dev.clarity.bot.render;

import dev.clarity.bot.github.CheckRunRequest;
import dev.clarity.bot.markdown.Markdown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's check run: name {@code Clarity <id>}, external id {@code execution/task}, and when completed a conclusion,
 * a summary table and one annotation per failed criterion that knows its file and line. The title is Clarity's own
 * words; the summary is Markdown with everything from the task list or a tool escaped by {@link Markdown}; GitHub
 * shows annotations as plain text, so their key and evidence go there as they are. Pure.
 */
public final class CheckRunOutput {
    private static final Template TEMPLATE = Template.load("check-run");

    private CheckRunOutput() {}

    public static String name(String taskId) {
        return "Clarity " + taskId;
    }

    public static String externalId(long executionId, String taskId) {
        return executionId + "/" + taskId;
    }

    /** The run as it starts (PREP): in progress, no output yet. */
    public static CheckRunRequest started(TaskReport task, String headSha, String detailsUrl) {
        return new CheckRunRequest(
                name(task.taskId()),
                headSha,
                externalId(task.executionId(), task.taskId()),
                "in_progress",
                null,
                detailsUrl,
                null,
                null,
                null,
                List.of());
    }

    /** The finished run: success when nothing failed, failure otherwise. */
    public static CheckRunRequest completed(TaskReport task, String headSha, String detailsUrl) {
        long failed = task.count(Verdict.FAILED);
        String conclusion = failed == 0 ? "success" : "failure";
        String title = failed == 0
                ? task.count(Verdict.PASSED) + " criteria passed"
                : failed + " of " + task.criteria().size() + " criteria failed";
        return new CheckRunRequest(
                name(task.taskId()),
                headSha,
                externalId(task.executionId(), task.taskId()),
                "completed",
                conclusion,
                detailsUrl,
                title,
                summary(task),
                null,
                annotations(task));
    }

    static String summary(TaskReport task) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("taskId", Markdown.inline(task.taskId()));
        v.put("title", Markdown.inline(task.title(), Markdown.TITLE_LIMIT));
        v.put("criteria", CriteriaTable.render(task.criteria()));
        v.put("attempts", Integer.toString(task.attempts()));
        v.put("tool", task.tool() == null ? "none" : Markdown.inline(task.tool()));
        v.put("usage", task.usage() == null ? "" : "\n\nModel usage: " + Markdown.inline(task.usage(), 1000));
        v.put(
                "artifacts",
                task.artifactsUrl() == null
                        ? "none"
                        : Markdown.link("artifacts/" + task.taskId() + "/", task.artifactsUrl()));
        return TEMPLATE.fill(v);
    }

    static List<CheckRunRequest.Annotation> annotations(TaskReport task) {
        List<CheckRunRequest.Annotation> list = new ArrayList<>();
        for (CriterionResult c : task.criteria()) {
            if (c.verdict() == Verdict.FAILED && c.file() != null && c.line() > 0) {
                list.add(new CheckRunRequest.Annotation(
                        c.file(),
                        c.line(),
                        c.line(),
                        "failure",
                        c.key(),
                        c.evidence() == null ? c.description() : c.evidence()));
            }
        }
        return list;
    }
}
