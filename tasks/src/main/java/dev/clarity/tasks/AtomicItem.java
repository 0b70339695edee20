package dev.clarity.tasks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One atomic item as an execution sees it (spec §3): a task leaf or a check line, with everything computed that
 * the steps need. Immutable.
 *
 * @param task the line itself
 * @param ancestors the enclosing tasks, outermost first (the parent chain)
 * @param dependencies its own dependencies, then its ancestors', then its phase's
 * @param criteria the programmable criteria to run: for a leaf those of its own {@code B} lines, for {@code X.B}
 *     those of every {@code B} line of X; empty for {@code A} and {@code C}
 * @param notMachineChecked prose criteria of the same {@code B} lines that no programmable criterion proves
 *     (matched by its {@code text})
 * @param malformed programmable criteria of those lines that cannot be run, each with its problem
 * @param missingCriteria true for a {@code B} line without any programmable criterion of its own: SELECT injects
 *     the repository defaults under it ({@link TaskListWriter#injectDefaultCriteria})
 * @param branch {@code task/<id>-<kebab-title>}
 */
public record AtomicItem(
        Task task,
        List<Task> ancestors,
        List<Dependency> dependencies,
        List<Criterion.Programmable> criteria,
        List<Criterion.Prose> notMachineChecked,
        List<Criterion.Malformed> malformed,
        boolean missingCriteria,
        String branch) {
    private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("\\s+");

    public AtomicItem {
        ancestors = List.copyOf(ancestors);
        dependencies = List.copyOf(dependencies);
        criteria = List.copyOf(criteria);
        notMachineChecked = List.copyOf(notMachineChecked);
        malformed = List.copyOf(malformed);
    }

    public String id() {
        return task.id();
    }

    public String title() {
        return task.title();
    }

    public ItemKind kind() {
        return task.kind();
    }

    public int line() {
        return task.line();
    }

    /** The parent task's id, or null when the parent is a phase. */
    public String parentId() {
        return task.parentId();
    }

    static AtomicItem of(TaskList list, Task item) {
        if (!item.atomic()) {
            throw new IllegalArgumentException(item.id() + " is a group, not an atomic item");
        }
        String verified = switch (item.kind()) {
            case TASK -> item.id();
            case CHECK_B -> item.checkOf();
            case CHECK_A, CHECK_C -> null;
        };
        List<Criterion.Programmable> programmable = new ArrayList<>();
        List<Criterion.Prose> prose = new ArrayList<>();
        List<Criterion.Malformed> malformed = new ArrayList<>();
        if (verified != null) {
            for (Task b : list.bLinesOf(verified)) {
                for (Criterion c : b.criteria()) {
                    switch (c) {
                        case Criterion.Programmable p -> programmable.add(p);
                        case Criterion.Prose p -> prose.add(p);
                        case Criterion.Malformed m -> malformed.add(m);
                    }
                }
            }
        }
        Set<String> proven = new HashSet<>();
        for (Criterion.Programmable p : programmable) {
            if (p.text() != null) {
                proven.add(normalise(p.text()));
            }
        }
        List<Criterion.Prose> unchecked = prose.stream()
                .filter(p -> !proven.contains(normalise(p.text())))
                .toList();
        boolean missing = item.kind() == ItemKind.CHECK_B
                && item.criteria().stream().noneMatch(c -> !(c instanceof Criterion.Prose));
        return new AtomicItem(
                item,
                list.ancestors(item),
                list.effectiveDependencies(item),
                programmable,
                unchecked,
                malformed,
                missing,
                BranchName.of(item.id(), item.title()));
    }

    private static String normalise(String text) {
        return BLANKS.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
