/**
 * The repository's own toolchain in the sandbox: its {@code sandbox:} settings within the admin's ceilings, its
 * dependency caches under the data directory, and {@code checks.setup} run once per workspace and base. Depends on
 * {@code config} and {@code sandbox} only.
 */
package dev.clarity.runner.toolchain;
