package dev.clarity.tasks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds valid, realistic task lists from a seed: phases in every spelling, nested groups, leaves with check
 * blocks, criteria in both forms, dependencies of every payload shape, done marks, fenced code and comments, and
 * random indentation, bullets, trailing blanks, line endings (LF, CRLF, mixed), BOM and final newline.
 */
final class ListGenerator {
    private static final String[] INDENTS = {"", "", "  ", "    ", "\t", "     "};
    private static final String[] BULLETS = {"", "", "- ", "* ", "+ ", "• ", "- [ ] "};
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
        "p95<200ms",
        "`code`",
        "Crème",
        "brûlée",
        "(note)",
        "[link](a/b_(c).md)",
        "—",
        "dashboard",
        "tests"
    };

    private final Random random;
    private final List<String> lines = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<String> bLines = new ArrayList<>();

    private ListGenerator(Random random) {
        this.random = random;
    }

    /** A generated list: its bytes, the ids of its task lines, and the ids of its B lines. */
    record Generated(byte[] bytes, List<String> ids, List<String> bLines) {}

    static Generated generate(long seed) {
        ListGenerator g = new ListGenerator(new Random(seed));
        g.build(1 + g.random.nextInt(2), 1 + g.random.nextInt(3));
        return new Generated(g.render(), g.ids, g.bLines);
    }

    /** A large list of about {@code tasks} task lines, for benchmarks. */
    static Generated large(long seed, int tasks) {
        ListGenerator g = new ListGenerator(new Random(seed));
        int phases = Math.max(1, tasks / 500);
        g.build(phases, Math.max(1, tasks / phases / 12));
        return new Generated(g.render(), g.ids, g.bLines);
    }

    private void build(int phases, int groupsPerPhase) {
        lines.add("# Task list " + words(3));
        lines.add("");
        for (int p = 1; p <= phases; p++) {
            phaseLine(p);
            for (int g = 1; g <= groupsPerPhase; g++) {
                String group = p + "." + g;
                task(group, true);
                int leaves = 1 + random.nextInt(4);
                for (int l = 1; l <= leaves; l++) {
                    String leaf = group + "." + l;
                    task(leaf, false);
                    if (random.nextInt(3) == 0) {
                        checks(leaf);
                    }
                }
                checks(group);
                noise();
            }
        }
    }

    private void phaseLine(int p) {
        String[] seps = {" — ", ": ", " – ", " - "};
        String deps = p > 1 && random.nextBoolean() ? " (Dependencies: Phase " + (p - 1) + ")" : "";
        lines.add(pick(new String[] {"", "## ", "# ", "### "}) + "Phase " + p + pick(seps) + words(2) + deps);
        lines.add("");
    }

    private void task(String id, boolean group) {
        StringBuilder b = new StringBuilder();
        b.append(pick(INDENTS)).append(pick(BULLETS));
        boolean heading = group && random.nextInt(3) == 0;
        if (heading) {
            b.setLength(0);
            b.append("#### ");
        }
        boolean bold = random.nextInt(5) == 0;
        b.append(bold ? "**" + id + "**" : id).append(pick(new String[] {" ", ": ", ". "}));
        b.append(words(2 + random.nextInt(5)));
        if (!ids.isEmpty() && random.nextInt(3) == 0) {
            b.append(' ').append(dependencies());
        }
        if (!group && random.nextInt(4) == 0) {
            b.append(" ✅");
            if (random.nextBoolean()) {
                b.append(" [PR #").append(random.nextInt(99)).append("](https://github.com/o/r/pull/1)");
            }
        }
        b.append(random.nextInt(6) == 0 ? "  " : "");
        lines.add(b.toString());
        ids.add(id);
        if (random.nextInt(10) == 0) {
            lines.add(pick(INDENTS)
                    + pick(new String[] {"Status: COMPLETE", "- **Status:** COMPLETE", "Depends on: " + earlier()}));
        }
    }

    private void checks(String of) {
        String indent = pick(INDENTS);
        boolean numbered = random.nextInt(4) == 0;
        String[] titles = {
            "Validate outputs of Task " + of, "Verify correctness of Task " + of, "Document results of Task " + of
        };
        for (int k = 0; k < 3; k++) {
            String id = numbered ? of + "." + (7 + k) : of + "." + (char) ('A' + k);
            if (numbered && ids.contains(id)) {
                id = of + "." + (char) ('A' + k);
            }
            lines.add(indent + pick(BULLETS) + id + " " + titles[k]);
            ids.add(id);
            if (k == 1) {
                bLines.add(id);
                int criteria = random.nextInt(3);
                String cIndent = pick(new String[] {"    - ", "  * ", "\t• ", "     - ", "- "});
                for (int c = 0; c < criteria; c++) {
                    lines.add(
                            cIndent
                                    + (random.nextBoolean()
                                            ? "<criterion " + (c + 1) + ": " + words(4) + " in <200ms>  [source: PRD]"
                                            : "<criterion key=\"k" + c
                                                    + "\" kind=\"test\" check=\"cmd\" target=\">=80%\" args=\"sh -c 'npm test'\" />"));
                }
            }
        }
    }

    private String dependencies() {
        return switch (random.nextInt(7)) {
            case 0 -> "(Dependencies: None)";
            case 1 -> "(Dependencies: [" + earlier() + ", " + earlier() + "])";
            case 2 -> "(Dependencies: " + earlier() + "–" + earlier() + ")";
            case 3 -> "(Dependencies: " + earlier() + " " + words(1) + ")";
            case 4 -> "(Dependencies: " + earlier() + ", [x](src/a.js:77))";
            case 5 -> "(deps: " + earlier() + ")";
            default -> "Dependencies: " + earlier();
        };
    }

    private String earlier() {
        return ids.get(random.nextInt(ids.size()));
    }

    private void noise() {
        switch (random.nextInt(6)) {
            case 0 -> lines.add("");
            case 1 -> {
                lines.add("```");
                lines.add("9.9 not a task in a fence");
                lines.add("```");
            }
            case 2 -> lines.add("<!-- 9.8 not a task in a comment -->");
            case 3 -> lines.add(words(8));
            case 4 -> lines.add("| 9.7 | table | row |");
            default -> {}
        }
    }

    private String words(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(pick(WORDS));
        }
        return b.toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private byte[] render() {
        int style = random.nextInt(3); // 0 LF, 1 CRLF, 2 mixed
        StringBuilder b = new StringBuilder();
        if (random.nextInt(5) == 0) {
            b.append('\uFEFF');
        }
        boolean finalNewline = random.nextInt(4) != 0;
        for (int i = 0; i < lines.size(); i++) {
            b.append(lines.get(i));
            if (i < lines.size() - 1 || finalNewline) {
                b.append(style == 0 ? "\n" : style == 1 ? "\r\n" : random.nextBoolean() ? "\n" : "\r\n");
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
