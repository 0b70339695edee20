/**
 * Evidence files under {@code artifacts/<taskId>/} in a workspace, and the rule that confines paths to the
 * workspace. Depends only on the JDK.
 */
package dev.clarity.runner.artifacts;
