package dev.clarity.testkit.autonomy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates valid task lists for a {@link SampleProject} from a seed: one or two phases, one or two groups each, one to
 * three leaves per group (each asking for {@code src/<id>.txt} holding {@code ok}, each after the one before it), and
 * per group maybe an {@code A} line (the standard checks) and maybe a {@code B} line whose programmable criteria check
 * the group's files ({@code file} and {@code regex}). The same seed gives the same list.
 */
public final class TaskListGenerator {
    private TaskListGenerator() {}

    /** The smallest list: one group with one leaf and a {@code B} line checking it. */
    public static GeneratedList single() {
        String text = """
                # Sample
                ## Phase 1 — Work
                - 1.1 Markers
                  - 1.1.1 Write the ok marker of 1.1.1
                  - 1.1.B Verify correctness of Task 1.1
                    - <criterion key="ok.1.1.1" kind="test" check="regex" args="src/1.1.1.txt ^ok$" />
                """;
        return new GeneratedList("single", text, List.of("1.1.1"), List.of("1.1.1", "1.1.B"));
    }

    public static GeneratedList generate(long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("# Generated list " + seed + "\n");
        List<String> leaves = new ArrayList<>();
        List<String> atomic = new ArrayList<>();
        int phases = 1 + random.nextInt(2);
        for (int p = 1; p <= phases; p++) {
            text.append("## Phase ").append(p).append(" — Part ").append(p).append('\n');
            int groups = 1 + random.nextInt(2);
            for (int g = 1; g <= groups; g++) {
                String group = p + "." + g;
                text.append("- ")
                        .append(group)
                        .append(" Markers of ")
                        .append(group)
                        .append('\n');
                List<String> own = new ArrayList<>();
                int count = 1 + random.nextInt(3);
                for (int l = 1; l <= count; l++) {
                    String leaf = group + "." + l;
                    text.append("  - ")
                            .append(leaf)
                            .append(" Write the ok marker of ")
                            .append(leaf);
                    if (!own.isEmpty()) {
                        text.append(" (Dependencies: ").append(own.getLast()).append(')');
                    }
                    text.append('\n');
                    own.add(leaf);
                }
                leaves.addAll(own);
                atomic.addAll(own);
                if (random.nextInt(3) == 0) {
                    text.append("  - ")
                            .append(group)
                            .append(".A Validate outputs of Task ")
                            .append(group)
                            .append('\n');
                    atomic.add(group + ".A");
                }
                if (random.nextInt(4) != 0) {
                    text.append("  - ")
                            .append(group)
                            .append(".B Verify correctness of Task ")
                            .append(group)
                            .append('\n');
                    for (String leaf : own) {
                        text.append(
                                random.nextBoolean()
                                        ? "    - <criterion key=\"file." + leaf
                                                + "\" kind=\"test\" check=\"file\" args=\"src/" + leaf + ".txt\" />\n"
                                        : "    - <criterion key=\"ok." + leaf
                                                + "\" kind=\"test\" check=\"regex\" args=\"src/" + leaf
                                                + ".txt ^ok$\" />\n");
                    }
                    atomic.add(group + ".B");
                }
            }
        }
        return new GeneratedList("list-" + seed, text.toString(), leaves, atomic);
    }
}
