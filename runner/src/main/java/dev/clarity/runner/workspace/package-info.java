/**
 * Workspaces: one git working copy per execution (clone or fetch, branch, commit, push, diff) through JGit, opened
 * only through {@code WorkspaceGit} (no repository program runs, Clarity's own config), and each item's base commit
 * with the files read at it. Depends on JGit and the runner's api records; credentials stay in memory per call.
 */
package dev.clarity.runner.workspace;
