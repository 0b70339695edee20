package dev.clarity.bot.render;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one progress comment of an execution, edited in place and found again by {@link #marker}. Pure.
 */
public final class ProgressComment {
    private static final Template TEMPLATE = Template.load("progress");

    private ProgressComment() {}

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
        v.put("repository", r.repository());
        v.put("badge", r.badge());
        v.put(
                "current",
                r.currentTaskId() == null
                        ? "between items"
                        : "item " + r.currentTaskId() + (r.currentStep() == null ? "" : ", step " + r.currentStep()));
        v.put(
                "counts",
                done + " of " + total + " done" + (skipped > 0 ? ", " + skipped + " skipped" : "")
                        + (blocked > 0 ? ", " + blocked + " waiting for a person" : ""));
        v.put("elapsed", Markdown.duration(r.elapsed()));
        v.put(
                "estimate",
                r.ending().isPresent()
                        ? "—"
                        : r.estimate().map(d -> "about " + Markdown.duration(d)).orElse("not known yet"));
        v.put("tree", tree(r));
        v.put(
                "ending",
                r.ending()
                        .map(e -> "\n### " + e.headline() + "\n\n"
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
                    .append(line.id())
                    .append("** ")
                    .append(line.title().strip());
            if (line.id().equals(r.currentTaskId())
                    && r.currentStep() != null
                    && r.ending().isEmpty()) {
                t.append(" — _").append(r.currentStep()).append("_");
            }
            t.append('\n');
        }
        return t.toString().stripTrailing();
    }
}
