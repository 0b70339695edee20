package dev.clarity.runner.checks;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.artifacts.WorkspacePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code regex} check: args {@code FILE PATTERN} (the words after the file, joined by spaces), target
 * {@code absent} (or {@code !match}, {@code none}, {@code 0}) when the file must not match. The pattern comes from the
 * task list and the file from the tool, and the match runs in the runner's process, so both are bounded: the file is
 * read only up to {@link CheckFiles#MAX_CHECKED_BYTES}, and the match of all its lines may read at most
 * {@link #READ_BUDGET} characters (a character read again when the pattern backtracks counts again; about a second).
 * A pattern that needs more fails the criterion with a sentence instead of holding the runner. Stateless.
 */
final class RegexCheck {
    static final long READ_BUDGET = 100_000_000L;

    private static final List<String> MUST_NOT = List.of("absent", "!match", "none", "0");

    private RegexCheck() {}

    static CheckResult run(CriterionSpec criterion, CheckContext context) {
        String key = criterion.key();
        if (criterion.args().size() < 2) {
            return CheckResult.fail(key, "regex needs args FILE PATTERN", null, null);
        }
        String relative = criterion.args().get(0);
        Optional<Path> file = WorkspacePaths.resolve(context.workspace(), relative);
        if (file.isEmpty()) {
            return CheckResult.fail(key, "path " + relative + " leaves the workspace or leads into .git", null, null);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(String.join(
                    " ", criterion.args().subList(1, criterion.args().size())));
        } catch (PatternSyntaxException e) {
            return CheckResult.fail(
                    key, "the pattern is not a valid regular expression: " + e.getDescription(), null, null);
        } catch (StackOverflowError e) {
            return CheckResult.fail(key, "the pattern is nested too deeply to compile; simplify it", null, null);
        }
        boolean mustNot = criterion.target() != null
                && MUST_NOT.contains(criterion.target().trim().toLowerCase(Locale.ROOT));
        if (!Files.isRegularFile(file.get())) {
            return CheckResult.fail(key, relative + " does not exist", relative, null);
        }
        Optional<byte[]> bytes;
        try {
            bytes = CheckFiles.read(file.get(), CheckFiles.MAX_CHECKED_BYTES);
        } catch (IOException e) {
            return CheckResult.fail(key, relative + " could not be read", relative, null);
        }
        if (bytes.isEmpty()) {
            return CheckResult.fail(
                    key,
                    relative + " is larger than " + CheckFiles.describe(CheckFiles.MAX_CHECKED_BYTES)
                            + ", the most a regex check reads",
                    relative,
                    null);
        }
        List<String> lines =
                new String(bytes.get(), StandardCharsets.UTF_8).lines().toList();
        BudgetedText.Budget budget = new BudgetedText.Budget(READ_BUDGET);
        for (int i = 0; i < lines.size(); i++) {
            String at = relative + ":" + (i + 1);
            boolean found;
            try {
                found = pattern.matcher(new BudgetedText(lines.get(i), budget)).find();
            } catch (BudgetedText.BudgetSpent e) {
                return CheckResult.fail(
                        key,
                        "the pattern took too long on " + relative + " (stopped at line " + (i + 1) + "); simplify it",
                        at,
                        null);
            } catch (StackOverflowError e) {
                return CheckResult.fail(key, "the pattern recursed too deeply on " + at + "; simplify it", at, null);
            }
            if (found) {
                return mustNot
                        ? CheckResult.fail(key, relative + " matches " + pattern + " but must not", at, null)
                        : new CheckResult(key, true, relative + " matches " + pattern, at, null);
            }
        }
        return mustNot
                ? CheckResult.pass(key, relative + " does not match " + pattern, null)
                : CheckResult.fail(key, relative + " does not match " + pattern, relative, null);
    }
}
