/**
 * Live data over WebSockets: an execution's log (backlog, then new lines, resumable by sequence number) and
 * "the grid changed" signals. Depends on {@code dev.clarity.dashboard.executions} (queries) and
 * {@code dev.clarity.dashboard.web} (the guard).
 */
package dev.clarity.dashboard.live;
