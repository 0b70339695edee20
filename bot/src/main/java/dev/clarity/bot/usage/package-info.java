/**
 * What AI tools used and what it cost: the price table, the usage ledger in PostgreSQL, the budget checks and the
 * tokens and cost meters. Depends on the runner API and config, the orchestrator's ports and the migrations module.
 */
package dev.clarity.bot.usage;
