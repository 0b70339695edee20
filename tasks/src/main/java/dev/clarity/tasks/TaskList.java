package dev.clarity.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed task list: its tasks and check lines in document order, its phases, and the criterion lines found
 * outside any {@code B} block. Immutable and thread-safe; built only by {@link TaskListReader#parse}. Every
 * answer here is a pure function of the bytes it was read from.
 */
public final class TaskList {
    private final SourceText source;
    private final List<Task> tasks;
    private final List<Phase> phases;
    private final List<Criterion> strayCriteria;
    private final Map<String, Integer> firstIndex;
    private final Map<String, List<Task>> byId;
    private final Map<Integer, Phase> phaseByNumber;
    private final Set<Integer> phasesNotDone;
    private final Map<String, List<Task>> bLinesOf;

    TaskList(SourceText source, List<Task> tasks, List<Phase> phases, List<Criterion> strayCriteria) {
        this.source = source;
        this.tasks = List.copyOf(tasks);
        this.phases = List.copyOf(phases);
        this.strayCriteria = List.copyOf(strayCriteria);
        this.firstIndex = new HashMap<>(tasks.size() * 2);
        this.byId = new HashMap<>(tasks.size() * 2);
        this.phaseByNumber = new HashMap<>();
        this.phasesNotDone = new HashSet<>();
        this.bLinesOf = new HashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            firstIndex.putIfAbsent(t.id(), i);
            byId.computeIfAbsent(t.id(), k -> new ArrayList<>(1)).add(t);
            if (!t.done()) {
                phasesNotDone.add(t.phase());
            }
            if (t.kind() == ItemKind.CHECK_B && t.checkOf() != null) {
                bLinesOf.computeIfAbsent(t.checkOf(), k -> new ArrayList<>(1)).add(t);
            }
        }
        for (Phase p : phases) {
            phaseByNumber.put(p.number(), p);
        }
    }

    SourceText source() {
        return source;
    }

    /** Every task and check line in document order. */
    public List<Task> tasks() {
        return tasks;
    }

    /** The phases, by number: from phase lines, from the first part of task ids, and from {@code PHASE N COMPLETED}. */
    public List<Phase> phases() {
        return phases;
    }

    /** Criterion lines that are not under a {@code B} line (a lint error). */
    public List<Criterion> strayCriteria() {
        return strayCriteria;
    }

    /** True when the file holds no task lines at all. */
    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** The number of lines in the file (a final newline does not start another line). */
    public int lineCount() {
        return source.lineCount();
    }

    /** The first task with this id. */
    public Optional<Task> find(String id) {
        Integer i = firstIndex.get(id);
        return i == null ? Optional.empty() : Optional.of(tasks.get(i));
    }

    /** Every task with this id (more than one only in a list with duplicate ids). */
    public List<Task> withId(String id) {
        return byId.getOrDefault(id, List.of());
    }

    public Optional<Phase> phase(int number) {
        return Optional.ofNullable(phaseByNumber.get(number));
    }

    /** The atomic items (task leaves and check lines) in document order. */
    public List<Task> atomicItems() {
        List<Task> out = new ArrayList<>();
        for (Task t : tasks) {
            if (t.atomic()) {
                out.add(t);
            }
        }
        return out;
    }

    public List<Task> children(Task task) {
        List<Task> out = new ArrayList<>(task.childIds().size());
        for (String id : task.childIds()) {
            out.addAll(childrenWithId(task, id));
        }
        return out;
    }

    private List<Task> childrenWithId(Task parent, String id) {
        List<Task> out = new ArrayList<>(1);
        for (Task t : withId(id)) {
            if (parent.id().equals(t.parentId())) {
                out.add(t);
            }
        }
        return out.isEmpty() ? List.of() : out.subList(0, 1);
    }

    /** The ancestors of a task, outermost first (phases are not tasks and are not included). */
    public List<Task> ancestors(Task task) {
        List<Task> out = new ArrayList<>();
        String p = task.parentId();
        while (p != null) {
            Task parent = find(p).orElseThrow();
            out.add(parent);
            p = parent.parentId();
        }
        Collections.reverse(out);
        return out;
    }

    /** The task's own dependencies, then its ancestors' (innermost first), then its phase's; duplicates dropped. */
    public List<Dependency> effectiveDependencies(Task task) {
        Map<String, Dependency> out = new LinkedHashMap<>();
        for (Dependency d : task.dependencies()) {
            out.putIfAbsent(d.label(), d);
        }
        String p = task.parentId();
        while (p != null) {
            Task parent = find(p).orElseThrow();
            for (Dependency d : parent.dependencies()) {
                out.putIfAbsent(d.label(), d);
            }
            p = parent.parentId();
        }
        Phase phase = phaseByNumber.get(task.phase());
        if (phase != null) {
            for (Dependency d : phase.dependencies()) {
                out.putIfAbsent(d.label(), d);
            }
        }
        return List.copyOf(out.values());
    }

    /** True when the dependency is done; an unknown id is unmet unless its phase is marked completed. */
    public boolean isMet(Dependency dependency) {
        return unmetIds(dependency).isEmpty();
    }

    /**
     * What keeps a dependency from being met: task ids (a range gives each unmet id in it), {@code Phase N}, or the
     * unknown id itself. Empty when it is met.
     */
    public List<String> unmetIds(Dependency dependency) {
        return switch (dependency) {
            case Dependency.OnTask t -> taskDone(t.id()) ? List.of() : List.of(t.id());
            case Dependency.OnPhase p -> phaseDone(p.phase()) ? List.of() : List.of(p.label());
            case Dependency.OnRange r -> unmetInRange(r);
        };
    }

    private List<String> unmetInRange(Dependency.OnRange r) {
        Integer from = firstIndex.get(r.from());
        Integer to = firstIndex.get(r.to());
        if (from == null || to == null) {
            List<String> out = new ArrayList<>(2);
            if (!taskDone(r.from())) {
                out.add(r.from());
            }
            if (!taskDone(r.to())) {
                out.add(r.to());
            }
            return out;
        }
        List<String> out = new ArrayList<>();
        for (int i = Math.min(from, to); i <= Math.max(from, to); i++) {
            Task t = tasks.get(i);
            if (!t.done() && !out.contains(t.id())) {
                out.add(t.id());
            }
        }
        return out;
    }

    /** The tasks a dependency names, in document order (empty for an unknown id). */
    public List<Task> resolve(Dependency dependency) {
        return switch (dependency) {
            case Dependency.OnTask t -> withId(t.id());
            case Dependency.OnPhase p ->
                tasks.stream().filter(t -> t.phase() == p.phase()).toList();
            case Dependency.OnRange r -> {
                Integer from = firstIndex.get(r.from());
                Integer to = firstIndex.get(r.to());
                yield from == null || to == null
                        ? List.of()
                        : tasks.subList(Math.min(from, to), Math.max(from, to) + 1);
            }
        };
    }

    /** True when some task has this id, or its phase is marked completed (its lines may be commented out). */
    public boolean isKnown(String id) {
        return byId.containsKey(id) || inCompletedPhase(id);
    }

    boolean isKnownPhase(int number) {
        return phaseByNumber.containsKey(number);
    }

    private boolean taskDone(String id) {
        List<Task> found = byId.get(id);
        if (found == null) {
            return inCompletedPhase(id);
        }
        for (Task t : found) {
            if (!t.done()) {
                return false;
            }
        }
        return true;
    }

    private boolean inCompletedPhase(String id) {
        int dot = id.indexOf('.');
        if (dot <= 0 || dot > 9) {
            return false;
        }
        Phase p = phaseByNumber.get(Integer.parseInt(id, 0, dot, 10));
        return p != null && p.completed();
    }

    private boolean phaseDone(int number) {
        Phase p = phaseByNumber.get(number);
        return p != null && (p.completed() || !phasesNotDone.contains(number));
    }

    /** The {@code B} lines that verify task {@code id}, in document order. */
    public List<Task> bLinesOf(String id) {
        return bLinesOf.getOrDefault(id, List.of());
    }

    /** Everything an execution needs to know about one atomic item. */
    public AtomicItem describe(Task item) {
        return AtomicItem.of(this, item);
    }

    /** The atomic item with this id, if there is one. */
    public Optional<AtomicItem> item(String id) {
        return find(id).filter(Task::atomic).map(this::describe);
    }
}
