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

    /** GitHub's limit on a check run's {@code output.summary} and on its {@code output.text}, in characters. */
    public static final int MAX_OUTPUT_CHARS = 65_535;

    /**
     * An item that ended in HUMAN_REVIEW: conclusion {@code action_required} on its branch head, listing what a
     * person must look at ({@code failures}, one sentence each) with the criteria table in the summary, and in the
     * text each failing criterion's output excerpt (folded, the same excerpt the pull request body shows). Both stay
     * within {@link #MAX_OUTPUT_CHARS}: excerpts that do not fit are named and left to the artifacts.
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
                    f -> summary.append("- ").append(Markdown.inline(f, 2_000)).append("\n"));
        }
        if (!task.criteria().isEmpty()) {
            summary.append("\n").append(CriteriaTable.rows(task.criteria())).append("\n");
        }
        String text = failingOutputs(task.criteria());
        return new CheckRunRequest(
                name(task.taskId()),
                headSha,
                externalId(task.executionId(), task.taskId()),
                "completed",
                "action_required",
                detailsUrl,
                "A person is needed",
                capped(summary.toString().stripTrailing()),
                text.isEmpty() ? null : text,
                annotations(task));
    }

    /**
     * The output excerpt of each failed criterion, folded under its key; {@code ""} when none has one. Built within
     * {@link #MAX_OUTPUT_CHARS}: an excerpt that would pass it is left out, and the criteria left out are named last.
     */
    static String failingOutputs(List<CriterionResult> criteria) {
        String heading = "### Output of the failing criteria\n";
        StringBuilder out = new StringBuilder(heading);
        List<String> left = new ArrayList<>();
        for (CriterionResult c : criteria) {
            if (c.verdict() != Verdict.FAILED || c.output().isBlank()) {
                continue;
            }
            String key = Markdown.code(Markdown.shorten(c.key(), 200));
            String block = "\n<details><summary>" + key + " failed: output</summary>\n\n" + Markdown.fenced(c.output())
                    + "\n\n</details>\n";
            // room is kept for the closing line that names what was left out
            if (out.length() + block.length() > MAX_OUTPUT_CHARS - LEFT_OUT_ROOM) {
                left.add(key);
            } else {
                out.append(block);
            }
        }
        if (out.length() == heading.length() && left.isEmpty()) {
            return "";
        }
        if (!left.isEmpty()) {
            String named = "\n_Not shown here (GitHub's limit of " + MAX_OUTPUT_CHARS + " characters): the output of "
                    + String.join(", ", left) + "; see the artifacts._";
            out.append(named.length() <= LEFT_OUT_ROOM ? named : "\n_More output is in the artifacts._");
        }
        return out.toString();
    }

    /** Room kept at the end of the text for the line that names the criteria whose output did not fit. */
    private static final int LEFT_OUT_ROOM = 4_000;

    /** {@code markdown} cut to {@link #MAX_OUTPUT_CHARS} with a closing note when it is longer. */
    static String capped(String markdown) {
        if (markdown.length() <= MAX_OUTPUT_CHARS) {
            return markdown;
        }
        String note = "\n\n_Cut at GitHub's limit of " + MAX_OUTPUT_CHARS + " characters: see the details page._";
        return markdown.substring(0, MAX_OUTPUT_CHARS - note.length()) + note;
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
