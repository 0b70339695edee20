/**
 * The GitHub side of an execution's steps, for the orchestrator to call: a task's pull request and check run, and
 * the progress comment, rendered by {@code dev.clarity.bot.render} and written through
 * {@link dev.clarity.bot.github.GitHubGateway}. Depends on those two packages only.
 */
package dev.clarity.bot.publish;
