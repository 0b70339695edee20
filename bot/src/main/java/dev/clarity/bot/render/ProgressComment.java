package dev.clarity.bot.render;

import dev.clarity.bot.markdown.Markdown;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one progress comment of an execution, edited in place by the comment id Clarity stored when it made it;
 * {@link #marker} only recovers that id after a crash, and only among the comments of Clarity's own App. Task ids,
 * titles, steps and the ending's headline are escaped with {@link Markdown}, so no title can close the
 * {@code <details>} block, split the table, mention anyone or put a marker line into the body. Pure.
 */
public final class ProgressComment {
    private static final Template TEMPLATE = Template.load("progress");

    private ProgressComment() {}

    /** The hidden marker on the comment's first line. */
    public static String marker(long executionId) {
        return "<!-- clarity:progress:" + executionId + " -->";
    }

    public static String render(ProgressReport r) {
        long done = r.listTotal() > 0
                ? r.listDone()
                : r.tasks().stream().filter(t -> t.status() == TaskStatus.DONE).count();
        long total = r.listTotal() > 0 ? r.listTotal() : r.tasks().size();
        long skipped =
                r.tasks().stream().filter(t -> t.status() == TaskStatus.SKIPPED).count();
        long blocked =
                r.tasks().stream().filter(t -> t.status() == TaskStatus.BLOCKED).count();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("marker", marker(r.executionId()));
        v.put("executionId", Long.toString(r.executionId()));
        v.put("repository", Markdown.inline(r.repository()));
        v.put("badge", Markdown.inline(r.badge()));
        v.put(
                "current",
                r.currentTaskId() == null
                        ? "between items"
                        : "item " + Markdown.inline(r.currentTaskId())
                                + (r.currentStep() == null ? "" : ", step " + Markdown.inline(r.currentStep())));
        v.put(
                "counts",
                done + " of " + total + " done" + (skipped > 0 ? ", " + skipped + " skipped" : "")
                        + (blocked > 0 ? ", " + blocked + " waiting for a person" : ""));
        v.put("elapsed", Durations.duration(r.elapsed()));
        v.put(
                "estimate",
                r.ending().isPresent()
                        ? "—"
                        : r.estimate()
                                .map(d -> "about " + Durations.duration(d))
                                .orElse("not known yet"));
        v.put("tree", tree(r));
        v.put("usage", r.usage() == null ? "" : "\n\nModel usage so far: " + Markdown.inline(r.usage(), 1000));
        v.put(
                "ending",
                r.ending()
                        .map(e -> "\n### " + Markdown.inline(e.headline(), 1000) + "\n\n"
                                + (e.whatToDo() == null
                                        ? "Nothing is needed from you."
                                        : "**What you need to do:** " + e.whatToDo())
                                + "\n")
                        .orElse(""));
        return TEMPLATE.fill(v);
    }

    private static String tree(ProgressReport r) {
        StringBuilder t = new StringBuilder();
        for (TaskLine line : r.tasks()) {
            t.append("  ".repeat(line.depth()))
                    .append("- ")
                    .append(line.status().icon())
                    .append(" **")
                    .append(Markdown.inline(line.id()))
                    .append("** ")
                    .append(Markdown.inline(line.title(), Markdown.TITLE_LIMIT));
            if (line.id().equals(r.currentTaskId())
                    && r.currentStep() != null
                    && r.ending().isEmpty()) {
                t.append(" — _").append(Markdown.inline(r.currentStep())).append("_");
            }
            t.append('\n');
        }
        return t.toString().stripTrailing();
    }
}
