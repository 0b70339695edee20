/**
 * What Clarity does with each webhook event: comment commands run through
 * {@link dev.clarity.dashboard.controls.ExecutionControls}, installations become customer and project rows, and
 * pushes, merged pull requests and re-run requests reach the orchestrator through
 * {@link dev.clarity.bot.orchestrator.ports.OrchestratorSignals}. Depends on the webhook, commands, markdown, github
 * and outbox packages, the orchestrator's ports (never the orchestrator itself), the controls contract and jOOQ.
 */
package dev.clarity.bot.events;
