/**
 * The GitHub side of an execution's steps, for the orchestrator to call: a task's pull request and check run,
 * written through {@link dev.clarity.bot.github.GitHubGateway}, and the progress comment, queued in
 * {@link dev.clarity.bot.outbox.GitHubOutbox}; all rendered by {@code dev.clarity.bot.render}, untrusted parts of
 * the words it adds escaped by {@code dev.clarity.bot.markdown}. Depends on those packages, the orchestrator's
 * records and jOOQ.
 */
package dev.clarity.bot.publish;
