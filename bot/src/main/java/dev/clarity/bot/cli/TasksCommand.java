package dev.clarity.bot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarity.bot.app.Json;
import dev.clarity.tasks.AtomicItem;
import dev.clarity.tasks.Criterion;
import dev.clarity.tasks.Dependency;
import dev.clarity.tasks.Edit;
import dev.clarity.tasks.EvidenceLink;
import dev.clarity.tasks.LintFinding;
import dev.clarity.tasks.Phase;
import dev.clarity.tasks.Selection;
import dev.clarity.tasks.Task;
import dev.clarity.tasks.TaskFile;
import dev.clarity.tasks.TaskList;
import dev.clarity.tasks.TaskListException;
import dev.clarity.tasks.TaskListLint;
import dev.clarity.tasks.TaskListReader;
import dev.clarity.tasks.TaskListWriter;
import dev.clarity.tasks.TaskSelector;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./clarity tasks next|tree|lint|mark}: the task-list engine on the command line, with the JSON shapes and
 * exit codes of {@link ExitCodes}. A file that cannot be read gets one line on standard error and exit 2.
 */
@Command(
        name = "tasks",
        mixinStandardHelpOptions = true,
        description = "Read, check and mark a tasks_list.md: tasks next|tree|lint|mark FILE.",
        subcommands = {
            TasksCommand.Next.class,
            TasksCommand.Tree.class,
            TasksCommand.Lint.class,
            TasksCommand.Mark.class
        })
final class TasksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("clarity: tasks needs a subcommand: next, tree, lint or mark.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    /** The parsed list, or null after the reason was printed. */
    private static TaskList load(Path file, PrintWriter err) {
        return switch (TaskFile.read(file)) {
            case TaskFile.Read.Unreadable u -> {
                err.println("clarity: " + u.message());
                yield null;
            }
            case TaskFile.Read.Loaded l -> {
                try {
                    yield TaskListReader.parse(l.bytes());
                } catch (TaskListException e) {
                    err.println("clarity: " + where(file, e) + e.getMessage());
                    yield null;
                }
            }
        };
    }

    private static String where(Path file, TaskListException e) {
        return e.line() > 0 ? file + ":" + e.line() + ": " : file + ": ";
    }

    private static ArrayNode depsJson(ObjectMapper json, TaskList list, List<Dependency> deps) {
        ArrayNode out = json.createArrayNode();
        List<String> seen = new ArrayList<>();
        for (Dependency d : deps) {
            List<String> ids = new ArrayList<>();
            if (d instanceof Dependency.OnRange r && !list.resolve(r).isEmpty()) {
                list.resolve(r).forEach(t -> ids.add(t.id()));
            } else {
                ids.add(d.label());
            }
            for (String id : ids) {
                if (!seen.contains(id)) {
                    seen.add(id);
                    out.add(id);
                }
            }
        }
        return out;
    }

    private static String write(ObjectMapper json, Object node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rendering JSON for tasks", e);
        }
    }

    @Command(
            name = "next",
            mixinStandardHelpOptions = true,
            description = "The item SELECT would pick. Exit 0 found, 1 none eligible, 2 unreadable or invalid.")
    static final class Next implements Callable<Integer> {
        /** An item id as lint messages spell it ({@code 1.2}, {@code 2.3.B}). */
        private static final Pattern ITEM_ID = Pattern.compile("\\b\\d+(?:\\.(?:\\d+|[ABC]))+\\b");

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the tasks_list.md")
        Path file;

        @Option(names = "--json", description = "print one JSON object")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TaskList list = load(file, err);
            if (list == null) {
                return ExitCodes.BAD_INPUT;
            }
            List<LintFinding> invalid = TaskListLint.check(list).stream()
                    .filter(f -> f.message().startsWith("duplicate id")
                            || f.message().startsWith("dependency cycle"))
                    .toList();
            if (!invalid.isEmpty()) {
                invalid.forEach(f -> err.println("clarity: " + f.format(file.toString())));
                if (json) {
                    // a JSON reader gets an object too: nothing is selectable, and why
                    ObjectMapper mapper = Json.mapper();
                    ObjectNode o = mapper.createObjectNode();
                    o.putNull("id");
                    o.put("reason", "blocked");
                    ArrayNode blockedBy = o.putArray("blockedBy");
                    invalid.stream()
                            .flatMap(f -> ITEM_ID.matcher(f.message()).results().map(MatchResult::group))
                            .distinct()
                            .forEach(blockedBy::add);
                    o.put(
                            "error",
                            String.join(
                                    "; ",
                                    invalid.stream().map(LintFinding::message).toList()));
                    out.println(write(Json.mapper(), o));
                    out.flush();
                }
                return ExitCodes.BAD_INPUT;
            }
            Selection selection = TaskSelector.select(list);
            if (selection instanceof Selection.Next next
                    && !next.item().malformed().isEmpty()) {
                for (Criterion.Malformed m : next.item().malformed()) {
                    err.println("clarity: " + file + ":" + m.line() + ": error: criterion: " + m.problem());
                }
                return ExitCodes.BAD_INPUT;
            }
            if (json) {
                out.println(write(Json.mapper(), toJson(list, selection)));
            } else {
                out.println(toText(selection));
            }
            out.flush();
            return selection instanceof Selection.Next ? ExitCodes.OK : ExitCodes.NONE;
        }

        private static ObjectNode toJson(TaskList list, Selection selection) {
            ObjectMapper json = Json.mapper();
            ObjectNode o = json.createObjectNode();
            if (selection instanceof Selection.Next(AtomicItem item)) {
                o.put("id", item.id());
                o.put("title", item.title());
                o.put("parent", item.parentId());
                o.set("deps", depsJson(json, list, item.dependencies()));
                ArrayNode criteria = o.putArray("criteria");
                for (Criterion.Programmable c : item.criteria()) {
                    ObjectNode co = criteria.addObject();
                    co.put("key", c.key());
                    co.put("kind", c.kind());
                    co.put("target", c.target());
                    co.put("check", c.check());
                    ArrayNode args = co.putArray("args");
                    c.args().forEach(args::add);
                }
                o.put("line", item.line());
                return o;
            }
            o.putNull("id");
            ArrayNode blockedBy = json.createArrayNode();
            String reason = switch (selection) {
                case Selection.AllDone a -> "all-done";
                case Selection.NoTasks n -> "no-tasks";
                case Selection.Blocked b -> {
                    b.unmet().forEach(blockedBy::add);
                    yield "blocked";
                }
                case Selection.Next n -> throw new IllegalStateException("handled above");
            };
            o.put("reason", reason);
            o.set("blockedBy", blockedBy);
            return o;
        }

        private static String toText(Selection selection) {
            return switch (selection) {
                case Selection.Next(AtomicItem item) ->
                    item.id() + " " + item.title() + " (line " + item.line() + ", branch " + item.branch() + ")";
                case Selection.AllDone a -> "all done: every item is marked done";
                case Selection.NoTasks n -> "no tasks: the file holds no task lines";
                case Selection.Blocked b ->
                    "blocked: " + b.firstNotDone().id() + " (line "
                            + b.firstNotDone().line() + ") waits for " + String.join(", ", b.unmet());
            };
        }
    }

    @Command(
            name = "tree",
            mixinStandardHelpOptions = true,
            description = "The whole hierarchy with status. Exit 0, or 2 when the file is unreadable.")
    static final class Tree implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the tasks_list.md")
        Path file;

        @Option(names = "--json", description = "print one JSON object")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            TaskList list = load(file, spec.commandLine().getErr());
            if (list == null) {
                return ExitCodes.BAD_INPUT;
            }
            if (json) {
                ObjectMapper mapper = Json.mapper();
                ObjectNode root = mapper.createObjectNode();
                ArrayNode tasks = root.putArray("tasks");
                for (Task t : list.tasks()) {
                    if (t.parentId() == null) {
                        tasks.add(node(mapper, list, t));
                    }
                }
                out.println(write(mapper, root));
            } else {
                int phase = Integer.MIN_VALUE;
                for (Task t : list.tasks()) {
                    if (t.parentId() == null) {
                        if (t.phase() != phase) {
                            phase = t.phase();
                            String title = list.phase(phase).map(Phase::title).orElse("");
                            out.println("Phase " + phase + (title.isEmpty() ? "" : " — " + title));
                        }
                        print(out, list, t, 1);
                    }
                }
                if (list.isEmpty()) {
                    out.println("no tasks: the file holds no task lines");
                }
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static ObjectNode node(ObjectMapper mapper, TaskList list, Task t) {
            ObjectNode o = mapper.createObjectNode();
            o.put("id", t.id());
            o.put("title", t.title());
            o.put("status", t.done() ? "done" : "todo");
            o.put("atomic", t.atomic());
            o.set("deps", depsJson(mapper, list, t.dependencies()));
            o.put("line", t.line());
            ArrayNode children = o.putArray("children");
            for (Task c : list.children(t)) {
                children.add(node(mapper, list, c));
            }
            return o;
        }

        private static void print(PrintWriter out, TaskList list, Task t, int depth) {
            out.println("  ".repeat(depth) + (t.done() ? "[x] " : "[ ] ") + t.id() + " " + t.title()
                    + (t.dependencies().isEmpty()
                            ? ""
                            : "  (deps: "
                                    + String.join(
                                            ", ",
                                            t.dependencies().stream()
                                                    .map(Dependency::label)
                                                    .toList()) + ")")
                    + "  :" + t.line());
            for (Task c : list.children(t)) {
                print(out, list, c, depth + 1);
            }
        }
    }

    @Command(
            name = "lint",
            mixinStandardHelpOptions = true,
            description = "Problems with line numbers (FILE:LINE: error|warning: message). Exit 0 clean, 1 findings, "
                    + "2 unreadable.")
    static final class Lint implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the tasks_list.md")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            TaskList list = load(file, spec.commandLine().getErr());
            if (list == null) {
                return ExitCodes.BAD_INPUT;
            }
            List<LintFinding> findings = TaskListLint.check(list);
            findings.forEach(f -> out.println(f.format(file.toString())));
            out.flush();
            return findings.isEmpty() ? ExitCodes.OK : ExitCodes.NONE;
        }
    }

    @Command(
            name = "mark",
            mixinStandardHelpOptions = true,
            description = "Marks ID done in place (idempotent). Exit 0, 1 unknown ID, 2 unreadable.")
    static final class Mark implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the tasks_list.md")
        Path file;

        @Parameters(index = "1", paramLabel = "ID", description = "the id to mark done")
        String id;

        @Option(names = "--artifact", paramLabel = "URL", description = "an evidence link to append (repeatable)")
        List<String> artifacts = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            byte[] bytes;
            switch (TaskFile.read(file)) {
                case TaskFile.Read.Unreadable u -> {
                    err.println("clarity: " + u.message());
                    return ExitCodes.BAD_INPUT;
                }
                case TaskFile.Read.Loaded l -> bytes = l.bytes();
            }
            Edit edit;
            try {
                edit = TaskListWriter.markDone(
                        bytes, id, artifacts.stream().map(EvidenceLink::of).toList());
            } catch (TaskListException e) {
                err.println("clarity: " + where(file, e) + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            switch (edit) {
                case Edit.NotFound nf -> {
                    err.println("clarity: " + file + ": " + nf.message());
                    return ExitCodes.NONE;
                }
                case Edit.Unchanged u -> out.println(u.reason() + "; nothing changed");
                case Edit.Changed c -> {
                    try {
                        TaskFile.replace(file, c.bytes());
                    } catch (UncheckedIOException e) {
                        err.println("clarity: " + e.getMessage() + ": "
                                + e.getCause().getMessage());
                        return ExitCodes.BAD_INPUT;
                    }
                    out.println("marked " + id + " done (line" + (c.lines().size() > 1 ? "s " : " ")
                            + String.join(
                                    ", ",
                                    c.lines().stream().map(String::valueOf).toList()) + ")");
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
