package dev.clarity.tasks;

import dev.clarity.tasks.LintFinding.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every lint rule of spec §6. Errors: duplicate ids, a dependency on an unknown id, a dependency cycle, a check
 * line whose task does not exist, a criterion line outside a {@code B} block, a programmable criterion that cannot
 * be used. Warnings: ids that skip numbers, a group without a {@code B} block, a task after the {@code PHASE N
 * COMPLETED} line of its phase. Findings come sorted by line; pure and thread-safe.
 */
public final class TaskListLint {
    private TaskListLint() {}

    public static List<LintFinding> check(TaskList list) {
        List<LintFinding> out = new ArrayList<>();
        duplicates(list, out);
        for (Task t : list.tasks()) {
            unknownDependencies(list, t.dependencies(), out);
            if (t.kind().isCheck() && list.find(t.checkOf()).isEmpty()) {
                out.add(error(
                        t.line(), "check line " + t.id() + " verifies task " + t.checkOf() + ", which does not exist"));
            }
            for (Criterion c : t.criteria()) {
                if (c instanceof Criterion.Malformed m) {
                    out.add(error(m.line(), "criterion: " + m.problem()));
                }
            }
            if (t.isGroup() && list.bLinesOf(t.id()).isEmpty()) {
                out.add(warning(t.line(), "group " + t.id() + " has no B block (" + t.id() + ".B) to verify it"));
            }
            list.phase(t.phase())
                    .filter(p -> p.completed() && t.line() > p.completedLine())
                    .ifPresent(p -> out.add(warning(
                            t.line(),
                            "task " + t.id() + " comes after PHASE " + p.number() + " COMPLETED (line "
                                    + p.completedLine() + ")")));
        }
        for (Phase p : list.phases()) {
            unknownDependencies(list, p.dependencies(), out);
        }
        for (Criterion c : list.strayCriteria()) {
            out.add(error(c.line(), "criterion line outside a B block"));
            if (c instanceof Criterion.Malformed m) {
                out.add(error(m.line(), "criterion: " + m.problem()));
            }
        }
        skippedNumbers(list, out);
        DependencyCycles.find(list, out);
        out.sort(Comparator.comparingInt(LintFinding::line).thenComparing(LintFinding::severity));
        return List.copyOf(out);
    }

    /** True when any finding is an error. */
    public static boolean hasErrors(List<LintFinding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    private static void duplicates(TaskList list, List<LintFinding> out) {
        Map<String, Integer> firstLine = new HashMap<>();
        for (Task t : list.tasks()) {
            Integer first = firstLine.putIfAbsent(t.id(), t.line());
            if (first != null) {
                out.add(error(t.line(), "duplicate id " + t.id() + " (first on line " + first + ")"));
            }
        }
    }

    private static void unknownDependencies(TaskList list, List<Dependency> deps, List<LintFinding> out) {
        for (Dependency d : deps) {
            switch (d) {
                case Dependency.OnTask t -> {
                    if (!list.isKnown(t.id())) {
                        out.add(error(t.line(), "dependency on unknown id " + t.id()));
                    }
                }
                case Dependency.OnRange r -> {
                    for (String id : List.of(r.from(), r.to())) {
                        if (!list.isKnown(id)) {
                            out.add(error(r.line(), "dependency range " + r.label() + " names unknown id " + id));
                        }
                    }
                }
                case Dependency.OnPhase p -> {
                    if (!list.isKnownPhase(p.phase())) {
                        out.add(error(p.line(), "dependency on unknown phase " + p.phase()));
                    }
                }
            }
        }
    }

    private static void skippedNumbers(TaskList list, List<LintFinding> out) {
        Map<String, TreeMap<Long, Task>> siblings = new HashMap<>();
        for (Task t : list.tasks()) {
            String id = t.id();
            if (!Character.isDigit(id.charAt(id.length() - 1))) {
                continue;
            }
            if (list.phase(t.phase()).map(Phase::completed).orElse(false)) {
                continue;
            }
            int dot = id.lastIndexOf('.');
            String last = id.substring(dot + 1);
            if (last.length() > 15) {
                continue;
            }
            siblings.computeIfAbsent(id.substring(0, dot), k -> new TreeMap<>()).putIfAbsent(Long.parseLong(last), t);
        }
        for (TreeMap<Long, Task> group : siblings.values()) {
            long expected = group.firstKey() == 0 ? 0 : 1;
            for (Map.Entry<Long, Task> e : group.entrySet()) {
                if (e.getKey() > expected) {
                    String prefix =
                            e.getValue().id().substring(0, e.getValue().id().lastIndexOf('.') + 1);
                    String missing = e.getKey() - expected == 1
                            ? prefix + expected
                            : prefix + expected + "–" + prefix + (e.getKey() - 1);
                    out.add(warning(e.getValue().line(), "id " + e.getValue().id() + " skips " + missing));
                }
                expected = e.getKey() + 1;
            }
        }
    }

    static LintFinding error(int line, String message) {
        return new LintFinding(line, Severity.ERROR, message);
    }

    static LintFinding warning(int line, String message) {
        return new LintFinding(line, Severity.WARNING, message);
    }
}
