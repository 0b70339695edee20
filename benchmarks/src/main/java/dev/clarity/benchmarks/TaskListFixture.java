package dev.clarity.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A generated task list of a given number of task lines in the realistic mix of shapes the reader accepts: phase
 * lines in several spellings, nested groups, bullets and checkboxes, bold ids, check blocks (lettered and
 * numbered), prose and programmable criteria, every dependency payload, done marks with evidence links, fenced
 * code, comments and prose. The first half is done, so SELECT has to walk it. Deterministic for a seed.
 */
final class TaskListFixture {
    private static final String[] WORDS = {
        "Add",
        "flag",
        "to",
        "src/config.js",
        "reducer",
        "loading",
        "state",
        "wire",
        "the",
        "worker",
        "API",
        "dashboard",
        "tests",
        "customer",
        "export",
        "retry",
        "queue",
        "cache",
        "schema",
        "index"
    };

    private TaskListFixture() {}

    static byte[] generate(int taskLines, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(taskLines * 110);
        b.append("# Task list\n\nGenerated for benchmarks.\n\n");
        int count = 0;
        int phase = 0;
        String previous = null;
        while (count < taskLines) {
            phase++;
            b.append(phase % 2 == 0 ? "## Phase " + phase + " — " : "Phase " + phase + ": ")
                    .append(words(r, 3));
            b.append(phase > 1 ? " (Dependencies: Phase " + (phase - 1) + " complete)\n\n" : "\n\n");
            for (int g = 1; g <= 20 && count < taskLines; g++) {
                String group = phase + "." + g;
                boolean done = count < taskLines / 2;
                b.append(g % 3 == 0 ? "### " : "- ")
                        .append(g % 4 == 0 ? "**" + group + "**" : group)
                        .append(' ');
                b.append(words(r, 5));
                if (previous != null) {
                    b.append(
                            switch (g % 5) {
                                case 0 -> " (Dependencies: [" + previous + "])";
                                case 1 -> " (Dependencies: " + previous + " Services, [notes](docs/a_(b).md))";
                                case 2 -> " (deps: None)";
                                default -> "";
                            });
                }
                b.append('\n');
                count++;
                for (int l = 1; l <= 5 && count < taskLines; l++) {
                    String leaf = group + "." + l;
                    b.append("  - ")
                            .append(done ? "[x] " : "[ ] ")
                            .append(leaf)
                            .append(": ")
                            .append(words(r, 8));
                    if (l > 1) {
                        b.append(" (Dependencies: ")
                                .append(group)
                                .append(".1–")
                                .append(leaf)
                                .append(")".equals("") ? "" : "")
                                .append(group)
                                .append('.')
                                .append(l - 1)
                                .append(')');
                    }
                    b.append(
                            done
                                    ? " ✅ [artifacts](artifacts/" + leaf
                                            + "/) [PR #12](https://github.com/o/r/pull/12)\n"
                                    : "\n");
                    count++;
                }
                String[] checks = {
                    "Validate outputs of Task ", "Verify correctness of Task ", "Document results of Task "
                };
                for (int c = 0; c < 3 && count < taskLines; c++) {
                    b.append("  - ")
                            .append(group)
                            .append('.')
                            .append((char) ('A' + c))
                            .append(' ');
                    b.append(checks[c]).append(group).append(done ? " ✅\n" : "\n");
                    count++;
                    if (c == 1) {
                        b.append("    - <criterion 1: Quick API endpoints respond in <200ms at p95>  [source: PRD]\n");
                        b.append("    - <criterion key=\"perf.p95.")
                                .append(g)
                                .append(
                                        "\" kind=\"perf\" check=\"http\" target=\"p95<200ms\" args=\"GET /api/customers\" />\n");
                    }
                }
                if (g % 7 == 0) {
                    b.append("\n```bash\n9.9 not a task\nnpm test\n```\n\n<!-- 9.8 a note -->\n");
                    b.append(words(r, 12)).append("\n\n");
                }
                previous = group;
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String words(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(WORDS[r.nextInt(WORDS.length)]);
        }
        return b.toString();
    }
}
