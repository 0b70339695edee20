/**
 * Programmable acceptance checks (cmd, regex, file, http, and coverage, type and doc on top of them) run in a
 * workspace with paths confined to it. Depends on the runner's sandbox, policy, redaction and artifacts packages,
 * and on the workspace package for opening a repository ({@code WorkspaceGit}).
 */
package dev.clarity.runner.checks;
