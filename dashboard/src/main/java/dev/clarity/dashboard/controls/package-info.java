/**
 * The controls a person can apply to executions (start, stop, resume, retry, skip, approve, override), declared
 * here so that the dashboard and the comment commands call the same code; the bot's orchestrator implements them.
 * Depends only on the JDK.
 */
package dev.clarity.dashboard.controls;
