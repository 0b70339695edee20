package dev.clarity.tasks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the bytes of a tasks_list.md into a {@link TaskList} (spec §1, §2). Tolerant: every shape of the spec is
 * accepted and everything else is ignored; a file with no task lines is an empty list, never an error. Fenced code
 * blocks ({@code ```} or {@code ~~~}, closed by a fence of the same character at least as long, CommonMark §4.5)
 * and HTML comments ({@code <!-- … -->}, also across lines) are found by a block scan and hide the ids inside them.
 *
 * <p>Throws only {@link TaskListException}, when the bytes are not a readable text file. Pure and thread-safe.
 */
public final class TaskListReader {
    /** The largest file read; larger ones are refused with a {@link TaskListException}. */
    public static final int MAX_BYTES = SourceText.MAX_BYTES;

    private TaskListReader() {}

    public static TaskList parse(byte[] bytes) {
        SourceText src = SourceText.of(bytes);
        return new Pass(src).read();
    }

    /** A task line while the file is being read; turned into a {@link Task} once the hierarchy is known. */
    private static final class Draft {
        final String id;
        final String title;
        final int line;
        ItemKind kind;
        final String checkOf;
        boolean marked;
        final List<Dependency> deps = new ArrayList<>();
        final List<Criterion> criteria = new ArrayList<>();
        final List<Integer> children = new ArrayList<>();
        int parent = -1;
        int phase;

        Draft(String id, String title, int line, ItemKind kind, String checkOf, boolean marked) {
            this.id = id;
            this.title = title;
            this.line = line;
            this.kind = kind;
            this.checkOf = checkOf;
            this.marked = marked;
        }
    }

    private static final class PhaseDraft {
        final int number;
        String title = "";
        int line;
        final List<Dependency> deps = new ArrayList<>();
        int completedLine;

        PhaseDraft(int number) {
            this.number = number;
        }
    }

    private static final class Pass {
        private final SourceText src;
        private final List<Draft> drafts = new ArrayList<>();
        private final TreeMap<Integer, PhaseDraft> phases = new TreeMap<>();
        private final List<Criterion> stray = new ArrayList<>();
        private Draft ownerTask;
        private PhaseDraft ownerPhase;
        private char fenceChar;
        private int fenceLen;
        private boolean inComment;

        Pass(SourceText src) {
            this.src = src;
        }

        TaskList read() {
            for (int i = 0; i < src.lineCount(); i++) {
                String s = visibleText(src.line(i));
                if (s != null && !s.isBlank()) {
                    classify(s, i + 1);
                }
            }
            return build();
        }

        /** The part of the line outside code fences and comments, or null when the whole line is hidden. */
        private String visibleText(String s) {
            if (fenceLen > 0) {
                if (closesFence(s)) {
                    fenceLen = 0;
                }
                return null;
            }
            if (inComment) {
                int close = s.indexOf("-->");
                if (close < 0) {
                    return null;
                }
                inComment = false;
                s = s.substring(close + 3);
            }
            if (s.indexOf("<!--") >= 0) {
                s = withoutComments(s);
            }
            if (opensFence(s)) {
                endBlock();
                return null;
            }
            return s;
        }

        private String withoutComments(String s) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (true) {
                int open = s.indexOf("<!--", i);
                while (open >= 0 && insideCodeSpan(s, i, open)) {
                    open = s.indexOf("<!--", open + 4);
                }
                if (open < 0) {
                    out.append(s, i, s.length());
                    return out.toString();
                }
                out.append(s, i, open);
                int close = s.indexOf("-->", open + 4);
                if (close < 0) {
                    inComment = true;
                    return out.toString();
                }
                i = close + 3;
            }
        }

        private static boolean insideCodeSpan(String s, int from, int pos) {
            int ticks = 0;
            for (int k = from; k < pos; k++) {
                if (s.charAt(k) == '`') {
                    ticks++;
                }
            }
            return ticks % 2 == 1;
        }

        private boolean opensFence(String s) {
            int i = LineSyntax.skipSpace(s, 0);
            if (i >= s.length()) {
                return false;
            }
            char c = s.charAt(i);
            if (c != '`' && c != '~') {
                return false;
            }
            int j = i;
            while (j < s.length() && s.charAt(j) == c) {
                j++;
            }
            if (j - i < 3 || (c == '`' && s.indexOf('`', j) >= 0)) {
                return false;
            }
            fenceChar = c;
            fenceLen = j - i;
            return true;
        }

        private boolean closesFence(String s) {
            int i = LineSyntax.skipSpace(s, 0);
            int j = i;
            while (j < s.length() && s.charAt(j) == fenceChar) {
                j++;
            }
            return j - i >= fenceLen && s.substring(j).isBlank();
        }

        private void endBlock() {
            ownerTask = null;
            ownerPhase = null;
        }

        private void classify(String s, int line) {
            LineSyntax.TaskLine tl = LineSyntax.taskLine(s);
            if (tl != null) {
                addTask(tl, line);
                return;
            }
            int completed = LineSyntax.completedPhase(s);
            if (completed >= 0) {
                PhaseDraft p = phase(completed);
                if (p.completedLine == 0) {
                    p.completedLine = line;
                }
                endBlock();
                return;
            }
            LineSyntax.PhaseLine pl = LineSyntax.phaseLine(s);
            if (pl != null) {
                addPhase(pl, line);
                return;
            }
            detail(s, line);
        }

        private void addTask(LineSyntax.TaskLine tl, int line) {
            String rest = tl.rest();
            LineSyntax.DepsSpan span = LineSyntax.depsSpan(rest);
            String title = LineSyntax.title(rest, span);
            boolean marked = tl.checked() || tl.leadingDone() || rest.contains(LineSyntax.DONE);
            ItemKind kind = ItemKind.TASK;
            String checkOf = null;
            String id = tl.id();
            char last = id.charAt(id.length() - 1);
            if (Character.isLetter(last)) {
                kind = ItemKind.ofLetter(last);
                checkOf = id.substring(0, id.length() - 2);
            } else {
                LineSyntax.CheckRef ref = LineSyntax.checkByTitle(title);
                if (ref != null && !ref.of().equals(id)) {
                    kind = ref.kind();
                    checkOf = ref.of();
                }
            }
            Draft d = new Draft(id, title, line, kind, checkOf, marked);
            if (span != null) {
                d.deps.addAll(DependencyPayload.parse(span.payload(), line));
            }
            drafts.add(d);
            ownerTask = d;
            ownerPhase = null;
        }

        private void addPhase(LineSyntax.PhaseLine pl, int line) {
            PhaseDraft p = phase(pl.number());
            LineSyntax.DepsSpan span = LineSyntax.depsSpan(pl.rest());
            if (p.line == 0) {
                p.line = line;
                p.title = LineSyntax.title(pl.rest(), span);
                if (span != null) {
                    p.deps.addAll(DependencyPayload.parse(span.payload(), line));
                }
            }
            ownerTask = null;
            ownerPhase = p;
        }

        private void detail(String s, int line) {
            int i = LineSyntax.skipSpace(s, 0);
            if (s.charAt(i) == '#') {
                endBlock();
                return;
            }
            boolean underB = ownerTask != null && ownerTask.kind == ItemKind.CHECK_B;
            Criterion c = CriterionSyntax.parse(s, line, underB);
            if (c != null) {
                if (underB) {
                    ownerTask.criteria.add(c);
                } else {
                    stray.add(c);
                }
                return;
            }
            if (ownerTask == null && ownerPhase == null) {
                return;
            }
            if (ownerTask != null && LineSyntax.isStatusComplete(s)) {
                ownerTask.marked = true;
                return;
            }
            LineSyntax.DepsSpan span = LineSyntax.depsSpan(s);
            if (span != null
                    && LineSyntax.stripDecoration(s.substring(0, span.cutFrom()))
                            .isEmpty()) {
                List<Dependency> deps = DependencyPayload.parse(span.payload(), line);
                (ownerTask != null ? ownerTask.deps : ownerPhase.deps).addAll(deps);
            }
        }

        private PhaseDraft phase(int n) {
            return phases.computeIfAbsent(n, PhaseDraft::new);
        }

        private TaskList build() {
            Map<String, Integer> first = new HashMap<>(drafts.size() * 2);
            for (int k = 0; k < drafts.size(); k++) {
                first.putIfAbsent(drafts.get(k).id, k);
            }
            for (int k = 0; k < drafts.size(); k++) {
                Draft d = drafts.get(k);
                d.phase = phaseNumber(d.id);
                if (d.phase >= 0) {
                    phase(d.phase);
                }
                String prefix = d.id;
                int dot;
                while ((dot = prefix.lastIndexOf('.')) > 0 && prefix.indexOf('.') < dot) {
                    prefix = prefix.substring(0, dot);
                    Integer p = first.get(prefix);
                    if (p != null) {
                        d.parent = p;
                        drafts.get(p).children.add(k);
                        break;
                    }
                }
            }
            int n = drafts.size();
            for (Draft d : drafts) {
                if (d.kind.isCheck() && !d.children.isEmpty() && Character.isDigit(lastChar(d.id))) {
                    d.kind = ItemKind.TASK; // a line titled like a check but holding task lines is a group
                }
            }
            boolean[] atomic = new boolean[n];
            for (int k = 0; k < n; k++) {
                Draft d = drafts.get(k);
                boolean hasTaskChildren = false;
                for (int c : d.children) {
                    hasTaskChildren |= !drafts.get(c).kind.isCheck();
                }
                atomic[k] = d.kind.isCheck() || !hasTaskChildren;
            }
            Status status = new Status(atomic);
            List<Task> tasks = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                Draft d = drafts.get(k);
                List<String> childIds = new ArrayList<>(d.children.size());
                for (int c : d.children) {
                    childIds.add(drafts.get(c).id);
                }
                String checkOf = d.kind.isCheck() ? d.checkOf : null;
                tasks.add(new Task(
                        d.id,
                        d.title,
                        d.line,
                        d.kind,
                        checkOf,
                        d.parent < 0 ? null : drafts.get(d.parent).id,
                        d.phase,
                        atomic[k],
                        d.marked,
                        status.done(k),
                        d.deps,
                        d.criteria,
                        childIds));
            }
            List<Phase> phaseList = new ArrayList<>(phases.size());
            for (PhaseDraft p : phases.values()) {
                phaseList.add(new Phase(p.number, p.title, p.line, p.deps, p.completedLine));
            }
            return new TaskList(src, tasks, phaseList, stray);
        }

        private static char lastChar(String s) {
            return s.charAt(s.length() - 1);
        }

        private static int phaseNumber(String id) {
            int dot = id.indexOf('.');
            if (dot > 9) {
                return -1;
            }
            return Integer.parseInt(id, 0, dot, 10);
        }

        /** Done after every rule of spec §2, memoised; the hierarchy is a forest of strict id prefixes. */
        private final class Status {
            private final boolean[] atomic;
            private final byte[] done;
            private final byte[] subtree;
            private final byte[] ancestorMarked;

            Status(boolean[] atomic) {
                this.atomic = atomic;
                this.done = new byte[atomic.length];
                this.subtree = new byte[atomic.length];
                this.ancestorMarked = new byte[atomic.length];
            }

            boolean done(int k) {
                if (done[k] == 0) {
                    boolean v = base(k);
                    if (!v && !atomic[k]) {
                        v = true;
                        for (int c : drafts.get(k).children) {
                            if (!subtreeDone(c)) {
                                v = false;
                                break;
                            }
                        }
                    }
                    done[k] = (byte) (v ? 1 : 2);
                }
                return done[k] == 1;
            }

            private boolean subtreeDone(int k) {
                if (subtree[k] == 0) {
                    boolean v = done(k);
                    if (v) {
                        for (int c : drafts.get(k).children) {
                            if (!subtreeDone(c)) {
                                v = false;
                                break;
                            }
                        }
                    }
                    subtree[k] = (byte) (v ? 1 : 2);
                }
                return subtree[k] == 1;
            }

            private boolean base(int k) {
                Draft d = drafts.get(k);
                // a mark on a group covers everything under it; a mark on a leaf does not cover its check lines
                if (d.marked || markedAbove(k)) {
                    return true;
                }
                PhaseDraft p = d.phase < 0 ? null : phases.get(d.phase);
                return p != null && p.completedLine > 0;
            }

            private boolean markedAbove(int k) {
                if (ancestorMarked[k] == 0) {
                    int p = drafts.get(k).parent;
                    boolean v = p >= 0 && ((drafts.get(p).marked && !atomic[p]) || markedAbove(p));
                    ancestorMarked[k] = (byte) (v ? 1 : 2);
                }
                return ancestorMarked[k] == 1;
            }
        }
    }
}
