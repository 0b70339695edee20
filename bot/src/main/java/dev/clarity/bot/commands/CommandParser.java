package dev.clarity.bot.commands;

import dev.clarity.bot.markdown.Markdown;
import dev.clarity.vocabulary.Tool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the first line of a comment. A line that does not start with {@code /clarity} is not a command; anything
 * after {@code /clarity} that is not a valid command becomes {@link Command.Help} with the reason, so the author
 * always gets an answer. Pure and thread-safe.
 */
public final class CommandParser {
    static final String PREFIX = "/clarity";
    static final List<String> VERBS = List.of("run", "stop", "resume", "status", "retry", "skip", "approve", "help");
    /**
     * Possessive: a greedy group loop recurses once per {@code .N} in Java's matcher, and a comment holding an id of
     * some thousand parts overflowed the stack; the possessive loop iterates (same ids accepted).
     */
    private static final Pattern TASK_ID = Pattern.compile("\\d++(?:\\.\\d++)*+");

    /** The command in the comment's first line, or empty when the comment is not addressed to Clarity. */
    public Optional<Command> parse(String commentBody) {
        if (commentBody == null) {
            return Optional.empty();
        }
        String firstLine = commentBody.strip().lines().findFirst().orElse("").strip();
        String lower = firstLine.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(PREFIX)
                || (lower.length() > PREFIX.length() && !Character.isWhitespace(lower.charAt(PREFIX.length())))) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>(
                Arrays.asList(firstLine.substring(PREFIX.length()).strip().split("\\s+")));
        words.removeIf(String::isEmpty);
        if (words.isEmpty()) {
            return Optional.of(Command.Help.because("`/clarity` needs a command."));
        }
        String verb = words.removeFirst().toLowerCase(Locale.ROOT);
        return Optional.of(command(verb, words));
    }

    private static Command command(String verb, List<String> args) {
        return switch (verb) {
            case "run" -> run(args);
            case "stop" -> stop(args);
            case "resume" -> noArguments(verb, args, new Command.Resume());
            case "status" -> noArguments(verb, args, new Command.Status());
            case "help" -> Command.Help.asked();
            case "retry" ->
                args.isEmpty()
                        ? new Command.Retry(Optional.empty())
                        : withId(verb, args, id -> new Command.Retry(Optional.of(id)));
            case "skip" -> withId(verb, args, Command.Skip::new);
            case "approve" -> withId(verb, args, Command.Approve::new);
            default -> unknown(verb);
        };
    }

    private static Command run(List<String> args) {
        String stopAfter = null;
        String tool = null;
        String task = null;
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            String name = word;
            String value = null;
            int eq = word.indexOf('=');
            if (word.startsWith("--") && eq > 0) {
                name = word.substring(0, eq);
                value = word.substring(eq + 1);
            }
            name = name.toLowerCase(Locale.ROOT);
            if (!Set.of("--stop-after", "--tool", "--task").contains(name)) {
                return Command.Help.because("`run` does not take " + quote(word) + suggestOption(name) + ".");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    return Command.Help.because(quote(name) + " needs a value.");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--stop-after" -> {
                    if (!TASK_ID.matcher(value).matches()) {
                        return badId(value);
                    }
                    stopAfter = value;
                }
                case "--task" -> {
                    if (!TASK_ID.matcher(value).matches()) {
                        return badId(value);
                    }
                    task = value;
                }
                default -> {
                    String t = value.toLowerCase(Locale.ROOT);
                    if (Tool.find(t).isEmpty()) {
                        return Command.Help.because(quote(value) + " is not a tool Clarity knows ("
                                + String.join(", ", Tool.spellings()) + ").");
                    }
                    tool = t;
                }
            }
        }
        return new Command.Run(Optional.ofNullable(stopAfter), Optional.ofNullable(tool), Optional.ofNullable(task));
    }

    private static Command stop(List<String> args) {
        if (args.isEmpty()) {
            return new Command.Stop();
        }
        if (args.getFirst().equalsIgnoreCase("after")) {
            return withId("stop after", args.subList(1, args.size()), Command.StopAfter::new);
        }
        return Command.Help.because("`stop` takes nothing, or `after ID` (for example `/clarity stop after 2.3`).");
    }

    private static Command noArguments(String verb, List<String> args, Command command) {
        return args.isEmpty() ? command : Command.Help.because("`" + verb + "` takes no arguments.");
    }

    private static Command withId(String verb, List<String> args, java.util.function.Function<String, Command> make) {
        if (args.size() != 1) {
            return Command.Help.because("`" + verb + "` needs one task id (for example `/clarity " + verb + " 2.3`).");
        }
        String id = args.getFirst();
        return TASK_ID.matcher(id).matches() ? make.apply(id) : badId(id);
    }

    private static Command badId(String id) {
        return Command.Help.because(quote(id) + " is not a task id (task ids look like `2.3.1`).");
    }

    private static Command unknown(String verb) {
        String closest = closest(verb, VERBS);
        String problem = quote(verb) + " is not a Clarity command.";
        return Command.Help.because(closest == null ? problem : problem + " Did you mean `/clarity " + closest + "`?");
    }

    /** A word from the comment, as a code span that no backtick in it can close, cut to 64 characters. */
    static String quote(String word) {
        return Markdown.code(Markdown.shorten(word, 64));
    }

    private static String suggestOption(String option) {
        String closest = closest(option, List.of("--stop-after", "--tool", "--task"));
        return closest == null ? "" : " (did you mean `" + closest + "`?)";
    }

    /** The candidate within edit distance 2 (or sharing a 3-letter prefix), nearest first; null when none is. */
    static String closest(String word, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word, c);
            boolean prefix = word.length() >= 3 && c.startsWith(word.substring(0, 3));
            if ((d <= 2 || prefix) && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
