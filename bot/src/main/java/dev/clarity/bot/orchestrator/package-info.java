/**
 * The orchestrator: the pure execution state machine, its durable store in PostgreSQL (events chained by checksum,
 * leases, claims), the scheduler and the shell that carries out steps through the runner. Depends on the runner
 * API, the task-list engine and the migrations module.
 */
package dev.clarity.bot.orchestrator;
