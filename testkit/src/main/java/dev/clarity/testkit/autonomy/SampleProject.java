package dev.clarity.testkit.autonomy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small project every generated task list is about: {@code src/} holds one marker file per leaf, and the standard
 * check ({@code sh tests/run.sh tests/test_src.sh}) runs the tests it names and every other {@code tests/test_*.sh}.
 * {@code tests/test_src.sh} passes when every {@code src/*.txt} holds exactly {@code ok}; {@code tests/test_readme.sh}
 * (named by no check) passes while the README is there. The repository's {@code .clarity.yml} makes the stand-in
 * tool, committed as {@code agent.sh}, the {@code command} tool.
 */
public final class SampleProject {
    public static final String TASK_LIST = "tasks_list.md";
    public static final String CONFIG = ".clarity.yml";
    /** The script the standard check runs. */
    public static final String CHECK_SCRIPT = "tests/run.sh";
    /** A test the standard check names as an argument. */
    public static final String NAMED_TEST = "tests/test_src.sh";
    /** A test no check names; only the test layout (and {@code tests/run.sh}'s glob) finds it. */
    public static final String UNNAMED_TEST = "tests/test_readme.sh";

    private SampleProject() {}

    /** Every file of the repository's first commit, path to content. */
    public static Map<String, String> files(GeneratedList list, StandInTool tool, String script) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(TASK_LIST, list.text());
        files.put("README.md", "# Sample\n\nOne marker file per task under src/.\n");
        files.put("src/base.txt", "ok\n");
        files.put(CHECK_SCRIPT, """
                #!/bin/sh
                # Runs the tests named as arguments, then every other tests/test_*.sh; fails when one fails.
                status=0
                for t in "$@" tests/test_*.sh; do
                  [ -f "$t" ] || continue
                  if sh "$t"; then echo "pass $t"; else echo "FAIL $t"; status=1; fi
                done
                exit $status
                """);
        files.put(NAMED_TEST, """
                #!/bin/sh
                # Every src/*.txt holds exactly "ok".
                for f in src/*.txt; do
                  [ -e "$f" ] || continue
                  [ "$(cat "$f")" = "ok" ] || { echo "$f does not hold ok"; exit 1; }
                done
                """);
        files.put(UNNAMED_TEST, """
                #!/bin/sh
                # The README is there and not empty.
                test -s README.md
                """);
        files.put("agent.sh", script);
        files.put(CONFIG, """
                tools:
                  default: command
                  command: { command: ["sh", "agent.sh"] }
                commands: [sh]
                sandbox:
                  timeout: %ds
                checks:
                  test: [["sh", "tests/run.sh", "tests/test_src.sh"]]
                """.formatted(tool.stepTimeout().toSeconds()));
        return files;
    }
}
