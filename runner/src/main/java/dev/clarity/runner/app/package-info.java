/**
 * The runner's composition root: picks the sandbox (engine probe, {@code CLARITY_SANDBOX}), builds the in-process
 * runner and, for {@code clarity runner}, its HTTP server. Depends on every runner package.
 */
package dev.clarity.runner.app;
