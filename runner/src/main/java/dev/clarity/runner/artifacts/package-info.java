/**
 * Evidence files under {@code artifacts/<taskId>/} in a workspace, the rule that confines paths to the
 * workspace, and single-file reads and writes under that rule. Depends on the JDK and
 * the runner's api ({@code RunnerException}).
 */
package dev.clarity.runner.artifacts;
