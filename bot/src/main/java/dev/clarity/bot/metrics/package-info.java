/**
 * What {@code GET /metrics} shows of Clarity's work, besides HTTP, pool, JVM and model usage: executions by badge,
 * the queue and the outbox read from the database, runner slots from the runners, and counters and timers of steps,
 * tool runs and webhook deliveries. Adapters of the orchestrator's and the webhook endpoint's meter ports onto
 * Micrometer; depends on those ports, the runner API, the vocabulary and the generated jOOQ tables.
 */
package dev.clarity.bot.metrics;
