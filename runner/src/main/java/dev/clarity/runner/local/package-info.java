/**
 * The in-process runner: {@code LocalRunner} carries out each step of the {@code Runner} contract with workspaces,
 * sandboxes, tools and checks, and keeps completed results per idempotency key. Depends on every runner package.
 */
package dev.clarity.runner.local;
