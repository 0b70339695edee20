package dev.clarity.runner.local;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.Failure;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.artifacts.Artifacts;
import dev.clarity.runner.checks.CheckContext;
import dev.clarity.runner.checks.CheckResult;
import dev.clarity.runner.checks.CriterionChecks;
import dev.clarity.runner.checks.TestFiles;
import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.workspace.GitWorkspaces;
import java.nio.file.Path;
import java.util.List;

/**
 * The rule that tests only grow (ADR 0023), as VERIFY applies it to a tool's attempt at a task leaf: no test file of
 * the base may be deleted or renamed away, and the standard test check may run no fewer tests, and skip no more, than
 * on the base commit. Called inside the workspace's step (its lock held). Thread-safe as its parts are.
 */
final class TestsOnlyGrow {
    private final GitWorkspaces workspaces;
    private final CriterionChecks checks;
    private final BaseTestCounts baseCounts;
    private final Path bases;
    private final Redactor redactor;

    /** @param bases {@code <workspaces>/.bases}, where the copies the counts are measured in are made */
    TestsOnlyGrow(
            GitWorkspaces workspaces,
            CriterionChecks checks,
            BaseTestCounts baseCounts,
            Path bases,
            Redactor redactor) {
        this.workspaces = workspaces;
        this.checks = checks;
        this.baseCounts = baseCounts;
        this.bases = bases;
        this.redactor = redactor;
    }

    /**
     * Tests only grow, by count: a standard test check that ran fewer tests, or skipped more, than the same check on
     * the item's base commit fails, naming both numbers. The base's counts are measured once per base commit (the
     * standard checks up to this one, run in a copy of the commit) and kept ({@link BaseTestCounts}).
     */
    CheckResult counted(
            VerifyRequest request,
            CriterionSpec criterion,
            List<CriterionSpec> standard,
            CheckContext context,
            CheckResult result) {
        var commit = workspaces.baseCommit(request.workspaceId());
        if (commit.isEmpty()) {
            return result;
        }
        var base = baseCounts.counts(
                commit.get(),
                criterion.key(),
                () -> measureAtBase(request, commit.get(), criterion, standard, context));
        if (base.isEmpty()) {
            return result;
        }
        String command = String.join(" ", criterion.args());
        CheckResult.TestCount now = result.counts();
        if (now.tests() < base.get().tests()) {
            return result.failedBecause(command + ": " + now.tests() + " tests ran, "
                    + base.get().tests() + " on the base (tests only grow)");
        }
        if (now.skipped() > base.get().skipped()) {
            return result.failedBecause(command + ": " + now.skipped() + " tests skipped, "
                    + base.get().skipped() + " on the base (tests only grow)");
        }
        return result;
    }

    /** Runs the standard checks up to {@code test} in a fresh copy of {@code commit}; the test check's counts. */
    private java.util.Optional<CheckResult.TestCount> measureAtBase(
            VerifyRequest request,
            String commit,
            CriterionSpec test,
            List<CriterionSpec> standard,
            CheckContext context) {
        Path tree = bases.resolve(commit + ".tree");
        deleteTree(tree); // a measurement a killed process left half done
        try {
            workspaces.exportCommit(request.workspaceId(), commit, tree);
            CheckContext atBase = new CheckContext(
                    request.workspaceId(),
                    tree,
                    context.policy(),
                    context.environment(),
                    context.timeout(),
                    context.network(),
                    redactor,
                    new Artifacts(tree, request.taskId()));
            for (CriterionSpec step : standard) {
                CheckResult ran = checks.run(step, atBase);
                if (step.key().equals(test.key())) {
                    return java.util.Optional.ofNullable(ran.counts());
                }
                if (!ran.passed()) {
                    return java.util.Optional.empty(); // the base does not build: no numbers to hold the item to
                }
            }
            return java.util.Optional.empty();
        } finally {
            deleteTree(tree);
        }
    }

    private static void deleteTree(Path tree) {
        if (!java.nio.file.Files.exists(tree)) {
            return;
        }
        try (var files = java.nio.file.Files.walk(tree)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            throw new RunnerException("removing the base copy " + tree, e);
        }
    }

    /**
     * Tests only grow: each test file of the base commit ({@link TestFiles}, with {@code .clarity.yml}'s
     * {@code tests} globs read at the base) that the attempt deleted or renamed away is a failure naming it.
     */
    List<Failure> deleted(String workspaceId, RepositoryConfig config) {
        TestFiles tests;
        try {
            tests = new TestFiles(config.tests());
        } catch (IllegalArgumentException e) {
            return List.of(new Failure("config", e.getMessage(), RepositoryConfig.FILE_NAME));
        }
        return workspaces.deletedSinceBase(workspaceId).stream()
                .filter(tests::isTest)
                .map(Failure::testDeleted)
                .toList();
    }
}
