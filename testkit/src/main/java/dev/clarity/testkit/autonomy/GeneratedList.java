package dev.clarity.testkit.autonomy;

import java.util.List;

/**
 * A generated task list.
 *
 * @param name a short name for reports and repository names ({@code list-7})
 * @param text the {@code tasks_list.md} content
 * @param leaves the task leaves in document order (the items a tool works on)
 * @param atomicItems every atomic item (leaves and check lines) in document order
 */
public record GeneratedList(String name, String text, List<String> leaves, List<String> atomicItems) {
    public GeneratedList {
        leaves = List.copyOf(leaves);
        atomicItems = List.copyOf(atomicItems);
    }
}
