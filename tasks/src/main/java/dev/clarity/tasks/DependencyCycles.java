package dev.clarity.tasks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds dependency cycles in the "waits for" graph: an atomic item waits for its effective dependencies, a group
 * waits for its children, a phase for its tasks. So {@code 1.1.1} depending on its own group {@code 1.1}, or
 * {@code 2.1} on {@code Phase 2}, is a cycle too. Iterative, linear in the size of the graph.
 */
final class DependencyCycles {
    private final TaskList list;
    private final int n;
    private final int phases;
    private final Map<Integer, Integer> phaseNode = new HashMap<>();
    private final Map<Task, Integer> taskNode = new IdentityHashMap<>();
    private final List<List<Integer>> edges = new ArrayList<>();

    private DependencyCycles(TaskList list) {
        this.list = list;
        this.n = list.tasks().size();
        this.phases = list.phases().size();
        for (int i = 0; i < n; i++) {
            taskNode.put(list.tasks().get(i), i);
        }
        for (int p = 0; p < phases; p++) {
            phaseNode.put(list.phases().get(p).number(), n + p);
        }
        // nodes: tasks [0,n), phases [n,n+P), deps-of-task [n+P, 2n+P), deps-of-phase [2n+P, 2n+2P)
        for (int i = 0; i < 2 * n + 2 * phases; i++) {
            edges.add(new ArrayList<>(2));
        }
        for (int i = 0; i < n; i++) {
            Task t = list.tasks().get(i);
            if (t.atomic()) {
                edges.get(i).add(depsOfTask(i));
            }
            for (Task c : list.children(t)) {
                edges.get(i).add(taskNode.get(c));
            }
            if (t.parentId() == null && phaseNode.containsKey(t.phase())) {
                edges.get(phaseNode.get(t.phase())).add(i);
            }
            List<Integer> d = edges.get(depsOfTask(i));
            resolveInto(t.dependencies(), d);
            Task parent = t.parentId() == null ? null : list.find(t.parentId()).orElse(null);
            if (parent != null) {
                d.add(depsOfTask(taskNode.get(parent)));
            } else if (phaseNode.containsKey(t.phase())) {
                d.add(phaseNode.get(t.phase()) + phases + n);
            }
        }
        for (int p = 0; p < phases; p++) {
            resolveInto(list.phases().get(p).dependencies(), edges.get(2 * n + phases + p));
        }
    }

    private int depsOfTask(int i) {
        return n + phases + i;
    }

    private void resolveInto(List<Dependency> deps, List<Integer> into) {
        for (Dependency d : deps) {
            if (d instanceof Dependency.OnPhase p) {
                Integer node = phaseNode.get(p.phase());
                if (node != null) {
                    into.add(node);
                }
            } else {
                for (Task t : list.resolve(d)) {
                    into.add(taskNode.get(t));
                }
            }
        }
    }

    static void find(TaskList list, List<LintFinding> out) {
        new DependencyCycles(list).search(out);
    }

    private void search(List<LintFinding> out) {
        int total = edges.size();
        byte[] color = new byte[total];
        int[] edgeIndex = new int[total];
        int[] stack = new int[total];
        int[] onStackPos = new int[total];
        Set<Set<String>> reported = new HashSet<>();
        for (int root = 0; root < total; root++) {
            if (color[root] != 0) {
                continue;
            }
            int top = 0;
            stack[top] = root;
            color[root] = 1;
            onStackPos[root] = 0;
            while (top >= 0) {
                int v = stack[top];
                List<Integer> next = edges.get(v);
                if (edgeIndex[v] < next.size()) {
                    int w = next.get(edgeIndex[v]++);
                    if (color[w] == 0) {
                        color[w] = 1;
                        stack[++top] = w;
                        onStackPos[w] = top;
                    } else if (color[w] == 1) {
                        report(stack, onStackPos[w], top, reported, out);
                    }
                } else {
                    color[v] = 2;
                    top--;
                }
            }
        }
    }

    private void report(int[] stack, int from, int to, Set<Set<String>> reported, List<LintFinding> out) {
        List<Task> cycle = new ArrayList<>();
        for (int k = from; k <= to; k++) {
            if (stack[k] < n) {
                cycle.add(list.tasks().get(stack[k]));
            }
        }
        if (cycle.isEmpty() || reported.size() >= 20) {
            return;
        }
        Set<String> key = new HashSet<>();
        cycle.forEach(t -> key.add(t.id()));
        if (!reported.add(key)) {
            return;
        }
        Task first = cycle.stream()
                .min((a, b) -> Integer.compare(a.line(), b.line()))
                .orElseThrow();
        StringBuilder path = new StringBuilder();
        int start = cycle.indexOf(first);
        for (int k = 0; k < cycle.size(); k++) {
            path.append(cycle.get((start + k) % cycle.size()).id()).append(" → ");
        }
        path.append(first.id());
        out.add(TaskListLint.error(first.line(), "dependency cycle: " + path));
    }
}
