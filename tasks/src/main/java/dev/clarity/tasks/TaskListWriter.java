package dev.clarity.tasks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The edits Clarity makes to a task list and its outcomes file (spec §4, §5). Each operation takes the file's
 * bytes and returns an {@link Edit}; it is idempotent (applying it to its own result gives {@link Edit.Unchanged})
 * and changes no byte it does not own: line endings (LF, CRLF, mixed), indentation, trailing blanks, a BOM and the
 * presence or absence of a final newline all stay as they were. Pure and thread-safe; throws only {@link
 * TaskListException} when the bytes are not readable.
 */
public final class TaskListWriter {
    private TaskListWriter() {}

    /**
     * Marks item {@code id} done: appends {@code ✅} and the links to its line, once, and marks every enclosing
     * group whose last item this was. A task that is already done (by any rule of spec §2) is left as it is.
     */
    public static Edit markDone(byte[] bytes, String id, List<EvidenceLink> links) {
        TaskList list = TaskListReader.parse(bytes);
        Task task = list.find(id).orElse(null);
        if (task == null) {
            return new Edit.NotFound("no task with id " + id);
        }
        if (task.done()) {
            return new Edit.Unchanged(id + " is already done");
        }
        StringBuilder mark = new StringBuilder(" " + LineSyntax.DONE);
        for (EvidenceLink link : links) {
            mark.append(' ').append(link.markdown());
        }
        List<Insertion> insertions = new ArrayList<>();
        insertions.add(atLineEnd(list.source(), task.line(), mark.toString()));
        List<Task> ancestors = list.ancestors(task);
        for (int i = ancestors.size() - 1; i >= 0; i--) {
            Task group = ancestors.get(i);
            if (group.atomic()) {
                if (!group.done()) {
                    break; // a leaf is done by its own mark only; its check lines do not finish it
                }
                continue;
            }
            if (!allDoneAfter(list, group, task)) {
                break;
            }
            if (!group.marked()) {
                insertions.add(atLineEnd(list.source(), group.line(), " " + LineSyntax.DONE));
            }
        }
        return apply(bytes, insertions);
    }

    /** True when every child of {@code group} and everything under it is done once {@code marked} is. */
    private static boolean allDoneAfter(TaskList list, Task group, Task marked) {
        for (Task c : list.children(group)) {
            if (c == marked) {
                if (c.atomic() && !allDoneAfter(list, c, marked)) {
                    return false; // a leaf's own check lines are still open
                }
                continue;
            }
            if (c.atomic() && !c.done()) {
                return false;
            }
            if (!allDoneAfter(list, c, marked)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Injects {@code defaults} as programmable criterion lines directly under {@code B} line {@code bLineId}, when
     * that line has no programmable criterion yet; indented like its existing criteria, else four spaces deeper
     * than the {@code B} line with {@code - }.
     */
    public static Edit injectDefaultCriteria(byte[] bytes, String bLineId, List<CriterionAttributes> defaults) {
        TaskList list = TaskListReader.parse(bytes);
        Task b = list.find(bLineId).orElse(null);
        if (b == null || b.kind() != ItemKind.CHECK_B) {
            return new Edit.NotFound("no B line with id " + bLineId);
        }
        if (b.criteria().stream().anyMatch(c -> !(c instanceof Criterion.Prose))) {
            return new Edit.Unchanged(bLineId + " already has programmable criteria");
        }
        if (defaults.isEmpty()) {
            return new Edit.Unchanged("there are no default criteria to inject");
        }
        SourceText src = list.source();
        int idx = b.line() - 1;
        String indent;
        if (b.criteria().isEmpty()) {
            String bText = src.line(idx);
            indent = bText.substring(0, LineSyntax.skipSpace(bText, 0)) + "    - ";
        } else {
            String first = src.line(b.criteria().get(0).line() - 1);
            int bullet = LineSyntax.skipBullet(first, LineSyntax.skipSpace(first, 0));
            indent = first.substring(0, bullet);
        }
        String ending = src.ending(idx);
        boolean lastLineWithoutNewline = ending.isEmpty();
        String eol = lastLineWithoutNewline ? src.dominantEnding() : ending;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < defaults.size(); i++) {
            if (lastLineWithoutNewline) {
                text.append(eol);
            }
            text.append(indent).append(CriterionSyntax.render(defaults.get(i)));
            if (!lastLineWithoutNewline) {
                text.append(eol);
            }
        }
        return apply(bytes, List.of(new Insertion(src.end(idx), text.toString(), b.line())));
    }

    /**
     * Appends the outcome section {@code ## <id> <title>} to the outcomes file, unless a section for that id is
     * already there. An empty array stands for a file that does not exist yet.
     */
    public static Edit appendOutcome(byte[] outcomes, OutcomeEntry entry) {
        SourceText src = SourceText.of(outcomes);
        String heading = "## " + entry.id();
        for (int i = 0; i < src.lineCount(); i++) {
            String line = src.line(i).strip();
            if (line.startsWith(heading)
                    && (line.length() == heading.length() || LineSyntax.isSpace(line.charAt(heading.length())))) {
                return new Edit.Unchanged("the outcomes file already has a section for " + entry.id());
            }
        }
        String eol = src.dominantEnding();
        StringBuilder text = new StringBuilder();
        int n = src.lineCount();
        boolean empty = outcomes.length == 0
                || (n == 1 && src.line(0).isEmpty() && src.ending(0).isEmpty());
        if (!empty) {
            if (src.ending(n - 1).isEmpty()) {
                text.append(eol);
            }
            if (!src.line(n - 1).isBlank() || src.ending(n - 1).isEmpty()) {
                text.append(eol);
            }
        }
        text.append(heading)
                .append(' ')
                .append(oneLine(entry.title()))
                .append(eol)
                .append(eol);
        DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT;
        item(text, eol, "status", entry.status());
        item(text, eol, "branch", entry.branch());
        item(text, eol, "commit", entry.commit());
        item(text, eol, "PR", entry.pullRequest());
        item(text, eol, "tool", entry.tool());
        item(text, eol, "attempts", Integer.toString(entry.attempts()));
        item(text, eol, "started", entry.started() == null ? null : iso.format(entry.started()));
        item(text, eol, "finished", entry.finished() == null ? null : iso.format(entry.finished()));
        item(text, eol, "duration", duration(entry.duration()));
        item(text, eol, "criteria passed", list(entry.criteriaPassed()));
        item(text, eol, "criteria failed", list(entry.criteriaFailed()));
        item(text, eol, "not machine-checked", list(entry.notMachineChecked()));
        item(
                text,
                eol,
                "artifacts",
                entry.artifacts() == null
                        ? null
                        : "[" + entry.artifacts() + "](" + entry.artifacts().replace(" ", "%20") + ")");
        if (entry.usage() != null && !entry.usage().isBlank()) {
            item(text, eol, "model usage", entry.usage());
        }
        return apply(outcomes, List.of(new Insertion(outcomes.length, text.toString(), n)));
    }

    private static void item(StringBuilder b, String eol, String name, String value) {
        b.append("- ").append(name).append(": ").append(value == null || value.isBlank() ? "—" : oneLine(value));
        b.append(eol);
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", values);
    }

    private static String duration(Duration d) {
        if (d == null) {
            return null;
        }
        long s = Math.max(0, d.toSeconds());
        return s >= 3600
                ? "%dh %02dm %02ds".formatted(s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? "%dm %02ds".formatted(s / 60, s % 60) : s + "s";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace("\r", " ").replace("\n", " ");
    }

    /** Text to insert at a byte offset; {@code line} is the 1-based line it belongs to (for reporting). */
    private record Insertion(int offset, String text, int line) {}

    /** Inserts after the last non-blank character of the line, so trailing blanks stay at the end. */
    private static Insertion atLineEnd(SourceText src, int line, String text) {
        byte[] b = src.bytes();
        int i = src.contentEnd(line - 1);
        int start = src.start(line - 1);
        int open = unclosedCommentStart(src.line(line - 1));
        if (open >= 0) {
            // the rest of the line is inside an HTML comment: the mark goes where the visible text ends
            i = start + src.line(line - 1).substring(0, open).getBytes(StandardCharsets.UTF_8).length;
        }
        while (i > start && (b[i - 1] == ' ' || b[i - 1] == '\t')) {
            i--;
        }
        return new Insertion(i, text, line);
    }

    /** Where an HTML comment opens on this line without closing on it, or -1 (the reader's rule). */
    private static int unclosedCommentStart(String line) {
        int i = 0;
        int close = line.indexOf("-->");
        int firstOpen = line.indexOf("<!--");
        if (close >= 0 && (firstOpen < 0 || close < firstOpen)) {
            i = close + 3; // the line starts inside a comment that closes here
        }
        while (true) {
            int open = line.indexOf("<!--", i);
            while (open >= 0 && oddBackticks(line, i, open)) {
                open = line.indexOf("<!--", open + 4);
            }
            if (open < 0) {
                return -1;
            }
            int end = line.indexOf("-->", open + 4);
            if (end < 0) {
                return open;
            }
            i = end + 3;
        }
    }

    private static boolean oddBackticks(String s, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '`') {
                n++;
            }
        }
        return n % 2 == 1;
    }

    private static Edit apply(byte[] bytes, List<Insertion> insertions) {
        List<Insertion> sorted = new ArrayList<>(insertions);
        sorted.sort(Comparator.comparingInt(Insertion::offset));
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 256);
        int pos = 0;
        List<Integer> lines = new ArrayList<>();
        for (Insertion ins : sorted) {
            out.write(bytes, pos, ins.offset() - pos);
            out.writeBytes(ins.text().getBytes(StandardCharsets.UTF_8));
            pos = ins.offset();
            lines.add(ins.line());
        }
        out.write(bytes, pos, bytes.length - pos);
        return new Edit.Changed(out.toByteArray(), lines);
    }
}
