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

    /** The execution's own check run: one per execution, beside the runs of its items. */
    public static String executionName(long executionId) {
        return "Clarity execution #" + executionId;
    }

    /**
     * The execution's own check run once it stopped running, completed with the one reason sentence it keeps (the
     * same the progress comment, the JSON summary and the execution page show) as title and summary: success when
     * every item is done, failure when it failed, action_required when a person is needed (neutral without a page
     * to send them to, as GitHub wants a details URL for that), cancelled when stopped, neutral when paused.
     *
     * @param badge the badge's spelling; {@code reason} is text (escaped here), {@code whatToDo} Clarity's Markdown
     */
    public static CheckRunRequest executionEnded(
            long executionId, String badge, String reason, String whatToDo, String headSha, String detailsUrl) {
        String conclusion = switch (badge) {
            case "COMPLETED" -> "success";
            case "FAILED" -> "failure";
            case "BLOCKED" -> detailsUrl == null ? "neutral" : "action_required";
            case "STOPPED" -> "cancelled";
            default -> "neutral";
        };
        String title = switch (badge) {
            case "COMPLETED" -> "Completed";
            case "FAILED" -> "Failed";
            case "BLOCKED" -> "A person is needed";
            case "STOPPED" -> "Stopped";
            default -> "Paused";
        };
        String summary = "**" + title + ":** " + Markdown.inline(reason, 1000)
                + (whatToDo == null || whatToDo.isEmpty() ? "" : "\n\n**What you need to do:** " + whatToDo);
        return new CheckRunRequest(
                executionName(executionId),
                headSha,
                executionId + "/execution",
                "completed",
                conclusion,
                detailsUrl,
                title,
                summary,
                null,
                List.of());
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

    /**
     * An item that ended in HUMAN_REVIEW: conclusion {@code action_required} on its branch head, listing what a
     * person must look at ({@code failures}, one sentence each).
     */
    public static CheckRunRequest needsPerson(
            TaskReport task, String headSha, String detailsUrl, String reason, List<String> failures) {
        StringBuilder summary = new StringBuilder("**Task ")
                .append(Markdown.inline(task.taskId()))
                .append(": ")
                .append(Markdown.inline(task.title(), Markdown.TITLE_LIMIT))
                .append("** needs a person: ")
                .append(Markdown.inline(reason))
                .append("\n");
        if (!failures.isEmpty()) {
            summary.append("\n");
            failures.forEach(
                    f -> summary.append("- ").append(Markdown.inline(f)).append("\n"));
        }
        if (!task.criteria().isEmpty()) {
            summary.append("\n").append(CriteriaTable.render(task.criteria())).append("\n");
        }
        return new CheckRunRequest(
                name(task.taskId()),
                headSha,
                externalId(task.executionId(), task.taskId()),
                "completed",
                "action_required",
                detailsUrl,
                "A person is needed",
                summary.toString().stripTrailing(),
                null,
                annotations(task));
    }

    static List<CheckRunRequest.Annotation> annotations(TaskReport task) {
        List<CheckRunRequest.Annotation> list = new ArrayList<>();
        for (CriterionResult c : task.criteria()) {
            if (c.verdict() != Verdict.FAILED) {
                continue;
            }
            for (CriterionResult.Spot spot : c.spots()) {
                list.add(new CheckRunRequest.Annotation(
                        spot.path(),
                        spot.line(),
                        spot.line(),
                        "failure",
                        c.key(),
                        spot.message().isBlank() ? c.description() : spot.message()));
            }
            if (c.spots().isEmpty() && c.file() != null && c.line() > 0) {
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
