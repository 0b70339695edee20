package dev.clarity.runner.guard;

import dev.clarity.runner.api.Risk;
import dev.clarity.runner.config.RiskConfig;
import dev.clarity.runner.redaction.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The risk rules of {@code risk:} read from an item's unified diff (unredacted, against its base): migrations,
 * destructive SQL on added lines, a large share of a file's lines deleted, a credential on an added line. Pure: the
 * base's files come through {@code baseFile}. Every pattern sees one line of at most {@value #MAX_LINE} characters
 * and has no nested repetition.
 */
public final class DiffRisks {
    static final int MAX_LINE = 4_000;
    /** Directory names that hold migrations (Rails, Flyway, Django, Prisma, Knex …). */
    private static final Set<String> MIGRATION_DIRS = Set.of("migrate", "migration", "migrations");

    private static final List<Pattern> DESTRUCTIVE = List.of(
            Pattern.compile("\\bdrop\\s++table\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bdrop\\s++database\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bdrop\\s++schema\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\btruncate\\s++(?:table\\s++)?[\\w\"`.\\[\\]]", Pattern.CASE_INSENSITIVE));
    private static final Pattern DELETE_FROM = Pattern.compile("\\bdelete\\s++from\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHERE = Pattern.compile("\\bwhere\\b", Pattern.CASE_INSENSITIVE);

    private DiffRisks() {}

    /** One file of the diff: its path (the new one; the old one when deleted), lines added and removed. */
    private static final class FileDiff {
        String oldPath;
        String newPath;
        final List<String> added = new ArrayList<>();
        int removed;

        String path() {
            return newPath != null ? newPath : oldPath;
        }
    }

    /**
     * What in {@code diff} needs approval under {@code rules}, in the order of the diff. {@code baseFile} gives a
     * file's bytes at the base (for the share of its lines deleted); {@code redactor} recognises credentials; files
     * for which {@code skipped} is true (Clarity's own) are not looked at.
     */
    public static List<Risk> assess(
            String diff,
            RiskConfig rules,
            Function<String, Optional<byte[]>> baseFile,
            Redactor redactor,
            java.util.function.Predicate<String> skipped) {
        List<Risk> risks = new ArrayList<>();
        for (FileDiff f : parse(diff).values()) {
            String path = f.path();
            if (skipped.test(path)) {
                continue;
            }
            if (rules.migrations() && isMigration(path)) {
                risks.add(new Risk("migration", path, "adds or changes a database migration"));
            }
            if (rules.destructiveSql()) {
                destructive(f.added).ifPresent(what -> risks.add(new Risk("destructive-sql", path, what)));
            }
            if (f.removed > 0 && f.oldPath != null && rules.deletionShare() < 1) {
                int lines = baseFile.apply(f.oldPath).map(DiffRisks::lineCount).orElse(0);
                if (lines >= rules.deletionMinLines() && f.removed > rules.deletionShare() * lines) {
                    risks.add(new Risk(
                            "deletion",
                            f.oldPath,
                            "deletes " + f.removed + " of its " + lines + " lines (more than "
                                    + Math.round(rules.deletionShare() * 100) + " %)"));
                }
            }
            if (rules.credentials() && f.added.stream().anyMatch(line -> !line.equals(redactor.redact(line)))) {
                risks.add(new Risk("credential", path, "adds a credential"));
            }
        }
        return risks;
    }

    /** True when a directory on the path holds migrations, or it is an Alembic {@code versions/} file. */
    static boolean isMigration(String path) {
        String[] segments = path.toLowerCase(Locale.ROOT).split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (MIGRATION_DIRS.contains(segments[i])) {
                return true;
            }
            if (segments[i].equals("alembic") && i + 1 < segments.length - 1 && segments[i + 1].equals("versions")) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> destructive(List<String> added) {
        for (String line : added) {
            String l = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
            for (Pattern p : DESTRUCTIVE) {
                var m = p.matcher(l);
                if (m.find()) {
                    return Optional.of("adds "
                            + m.group()
                                    .replaceAll("\\s+", " ")
                                    .toUpperCase(Locale.ROOT)
                                    .strip());
                }
            }
            var delete = DELETE_FROM.matcher(l);
            if (delete.find() && !WHERE.matcher(l).find(delete.end())) {
                return Optional.of("adds DELETE FROM without WHERE");
            }
        }
        return Optional.empty();
    }

    private static int lineCount(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return 0;
        }
        int n = (int) text.chars().filter(c -> c == '\n').count();
        return text.endsWith("\n") ? n : n + 1;
    }

    /** The files of a git unified diff; headers are read only before a file's first hunk. */
    private static Map<String, FileDiff> parse(String diff) {
        Map<String, FileDiff> files = new LinkedHashMap<>();
        FileDiff current = null;
        boolean inHunk = false;
        for (String line : diff.split("\n", -1)) {
            if (line.startsWith("diff --git ")) {
                current = new FileDiff();
                files.put("#" + files.size(), current);
                inHunk = false;
                String[] parts = line.substring("diff --git ".length()).split(" b/", 2);
                if (parts.length == 2) {
                    current.oldPath = parts[0].startsWith("a/") ? parts[0].substring(2) : parts[0];
                    current.newPath = parts[1];
                }
                continue;
            }
            if (current == null) {
                continue;
            }
            if (!inHunk) {
                if (line.startsWith("--- ")) {
                    current.oldPath = line.equals("--- /dev/null") ? null : strip(line.substring(4), "a/");
                } else if (line.startsWith("+++ ")) {
                    current.newPath = line.equals("+++ /dev/null") ? null : strip(line.substring(4), "b/");
                } else if (line.startsWith("@@")) {
                    inHunk = true;
                }
                continue;
            }
            if (line.startsWith("+")) {
                current.added.add(line.substring(1));
            } else if (line.startsWith("-")) {
                current.removed++;
            } else if (line.startsWith("@@")) {
                inHunk = true;
            }
        }
        return files;
    }

    private static String strip(String path, String prefix) {
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }
}
