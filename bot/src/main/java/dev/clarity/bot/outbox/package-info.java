/**
 * The durable queue of GitHub writes that belong to no step: progress comments, replies to commands and reactions.
 * Each write is kept in PostgreSQL until GitHub takes it, retried with backoff by a worker, and written through
 * {@link dev.clarity.bot.github.GitHubGateway}; the id of each comment it made is kept, so later writes edit that
 * comment. Depends on the github package, the migrations module and jOOQ.
 */
package dev.clarity.bot.outbox;
