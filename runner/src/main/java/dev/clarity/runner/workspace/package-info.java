/**
 * Workspaces: one git working copy per execution (clone or fetch, branch, commit, push, diff) through JGit.
 * Depends on JGit and the runner's api records; credentials stay in memory per call.
 */
package dev.clarity.runner.workspace;
