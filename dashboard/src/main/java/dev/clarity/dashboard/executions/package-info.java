/**
 * The executions views (grid, detail, queue, history, success rates, notifications), their JSON API, and the
 * control routes that call {@link dev.clarity.dashboard.controls.ExecutionControls}. Reads the database through
 * jOOQ; depends on {@code dev.clarity.dashboard.auth}, {@code dev.clarity.dashboard.web} and
 * {@code dev.clarity.dashboard.controls}.
 */
package dev.clarity.dashboard.executions;
