package dev.clarity.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TasksCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path file(String text) throws IOException {
        Path f = dir.resolve("tasks_list.md");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static void assertOneCleanLine(Run r) {
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("clarity: ").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void next_json_prints_the_selected_item_in_the_documented_shape() throws IOException {
        Path f = file("""
                ## Phase 1 — Setup
                1.0 Base ✅
                1.1 Group (Dependencies: 1.0)
                1.1.1 Add the flag
                1.1.1.B Verify
                    - <criterion key="test.unit" kind="test" check="cmd" target=">=80%" args="npm test -- --ci" />
                """);
        Run r = run("tasks", "next", f.toString(), "--json");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out().strip())
                .isEqualTo("{\"id\":\"1.1.1\",\"title\":\"Add the flag\",\"parent\":\"1.1\",\"deps\":[\"1.0\"],"
                        + "\"criteria\":[{\"key\":\"test.unit\",\"kind\":\"test\",\"target\":\">=80%\",\"check\":\"cmd\","
                        + "\"args\":[\"npm\",\"test\",\"--\",\"--ci\"]}],\"line\":4}");
    }

    @Test
    void next_json_explains_why_nothing_is_eligible_with_exit_1() throws IOException {
        Run done = run("tasks", "next", file("1.1 A ✅\n").toString(), "--json");
        assertThat(done.exit()).isEqualTo(1);
        assertThat(done.out().strip()).isEqualTo("{\"id\":null,\"reason\":\"all-done\",\"blockedBy\":[]}");
        Run blocked = run("tasks", "next", file("1.1 A (Dependencies: 1.5)\n").toString(), "--json");
        assertThat(blocked.exit()).isEqualTo(1);
        assertThat(blocked.out().strip()).isEqualTo("{\"id\":null,\"reason\":\"blocked\",\"blockedBy\":[\"1.5\"]}");
        Run none = run("tasks", "next", file("| 1.1 | table |\n").toString(), "--json");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.out().strip()).isEqualTo("{\"id\":null,\"reason\":\"no-tasks\",\"blockedBy\":[]}");
    }

    @Test
    void next_without_json_prints_one_readable_line() throws IOException {
        Run r = run("tasks", "next", file("1.1 Wire the worker\n").toString());
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out().strip()).isEqualTo("1.1 Wire the worker (line 1, branch task/1.1-wire-the-worker)");
    }

    @Test
    void a_dependency_cycle_or_unusable_criterion_makes_next_exit_2_with_the_line() throws IOException {
        Run cycle = run(
                "tasks",
                "next",
                file("1.1 A\n1.2 B (Dependencies: 1.3)\n1.3 C (Dependencies: 1.2)\n")
                        .toString());
        assertThat(cycle.exit()).isEqualTo(2);
        assertThat(cycle.err()).contains("tasks_list.md:2: error: dependency cycle: 1.2 → 1.3 → 1.2");
        assertOneCleanLine(cycle);
        Run cycleJson = run(
                "tasks",
                "next",
                file("1.1 A\n1.2 B (Dependencies: 1.3)\n1.3 C (Dependencies: 1.2)\n")
                        .toString(),
                "--json");
        assertThat(cycleJson.exit()).isEqualTo(2);
        assertThat(cycleJson.out().strip())
                .isEqualTo("{\"id\":null,\"reason\":\"blocked\",\"blockedBy\":[\"1.2\",\"1.3\"],"
                        + "\"error\":\"dependency cycle: 1.2 → 1.3 → 1.2\"}");
        Run quotes = run(
                "tasks",
                "next",
                file("1.1 A\n1.1.B V\n- <criterion key=\"k\" kind=\"test\" check=\"cmd\" args=\"sh -c 'x\" />\n")
                        .toString());
        assertThat(quotes.exit()).isEqualTo(2);
        assertThat(quotes.err()).contains("tasks_list.md:3: error: criterion: unbalanced quotes in args");
    }

    @Test
    void tree_json_prints_the_hierarchy_with_status() throws IOException {
        Run r = run(
                "tasks",
                "tree",
                file("1.1 Group\n1.1.1 Leaf ✅\n1.1.A Validate (Dependencies: 1.1.1)\n")
                        .toString(),
                "--json");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out().strip())
                .isEqualTo(
                        "{\"tasks\":[{\"id\":\"1.1\",\"title\":\"Group\",\"status\":\"todo\",\"atomic\":false,\"deps\":[],"
                                + "\"line\":1,\"children\":[{\"id\":\"1.1.1\",\"title\":\"Leaf\",\"status\":\"done\",\"atomic\":true,"
                                + "\"deps\":[],\"line\":2,\"children\":[]},{\"id\":\"1.1.A\",\"title\":\"Validate\",\"status\":\"todo\","
                                + "\"atomic\":true,\"deps\":[\"1.1.1\"],\"line\":3,\"children\":[]}]}]}");
        Run text = run("tasks", "tree", dir.resolve("tasks_list.md").toString());
        assertThat(text.out()).contains("[x] 1.1.1 Leaf").contains("[ ] 1.1.A Validate");
    }

    @Test
    void lint_prints_findings_with_file_and_line_and_exits_1_or_0_when_clean() throws IOException {
        Path f = file("1.1 A (Dependencies: 9.9)\n1.1 Again\n");
        Run r = run("tasks", "lint", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines())
                .contains(
                        f + ":1: error: dependency on unknown id 9.9",
                        f + ":2: error: duplicate id 1.1 (first on line 1)");
        Run clean =
                run("tasks", "lint", file("1.1 A\n1.2 B (Dependencies: 1.1)\n").toString());
        assertThat(clean.exit()).isEqualTo(0);
        assertThat(clean.out()).isEmpty();
    }

    @Test
    void mark_writes_in_place_once_and_keeps_crlf() throws IOException {
        Path f = dir.resolve("tasks_list.md");
        Files.write(f, "1.1 Group\r\n1.1.1 Leaf\r\n1.2 Next".getBytes(StandardCharsets.UTF_8));
        Run r = run(
                "tasks",
                "mark",
                f.toString(),
                "1.1.1",
                "--artifact",
                "artifacts/1.1.1/",
                "--artifact",
                "https://github.com/o/r/pull/42");
        assertThat(r.exit()).isEqualTo(0);
        String expected =
                "1.1 Group ✅\r\n1.1.1 Leaf ✅ [artifacts](artifacts/1.1.1/) [PR #42](https://github.com/o/r/pull/42)\r\n1.2 Next";
        assertThat(Files.readString(f)).isEqualTo(expected);
        Run again = run("tasks", "mark", f.toString(), "1.1.1", "--artifact", "artifacts/1.1.1/");
        assertThat(again.exit()).isEqualTo(0);
        assertThat(again.out()).contains("already done");
        assertThat(Files.readString(f)).isEqualTo(expected);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void mark_of_an_unknown_id_exits_1_and_leaves_the_file_alone() throws IOException {
        Path f = file("1.1 A\n");
        Run r = run("tasks", "mark", f.toString(), "7.7");
        assertThat(r.exit()).isEqualTo(1);
        assertOneCleanLine(r);
        assertThat(Files.readString(f)).isEqualTo("1.1 A\n");
    }

    @Test
    void unreadable_input_gets_one_clear_line_and_exit_2_from_every_subcommand() throws IOException {
        Path binary = dir.resolve("binary.md");
        Files.write(binary, new byte[] {'1', '.', '1', ' ', 'a', '\n', 0, 1, 2});
        Path latin1 = dir.resolve("latin1.md");
        Files.write(latin1, "1.1 ok\n1.2 caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path huge = dir.resolve("huge.md");
        try (RandomAccessFile raf = new RandomAccessFile(huge.toFile(), "rw")) {
            raf.setLength(50L * 1024 * 1024);
        }
        Path missing = dir.resolve("missing.md");
        for (String command : new String[] {"next", "tree", "lint", "mark"}) {
            for (Path p : new Path[] {binary, latin1, huge, missing, dir}) {
                Run r = command.equals("mark")
                        ? run("tasks", command, p.toString(), "1.1")
                        : run("tasks", command, p.toString());
                assertThat(r.exit()).as(command + " " + p).isEqualTo(2);
                assertOneCleanLine(r);
            }
        }
        assertThat(run("tasks", "next", binary.toString()).err()).contains("binary.md:2: the file is binary");
        assertThat(run("tasks", "next", latin1.toString()).err()).contains("latin1.md:2: the file is not UTF-8");
        assertThat(run("tasks", "next", huge.toString()).err()).contains("at most 16 MB");
        assertThat(run("tasks", "next", missing.toString()).err()).contains("missing.md: no such file");
        assertThat(run("tasks", "next", dir.toString()).err()).contains("is a directory");
        assertThat(Files.size(huge)).isEqualTo(50L * 1024 * 1024);
    }

    @Test
    void tasks_without_a_subcommand_is_bad_input() {
        assertThat(run("tasks").exit()).isEqualTo(2);
        assertThat(run("tasks", "next").exit()).isEqualTo(2);
    }
}
