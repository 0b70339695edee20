/**
 * What may run in a sandbox: the argv[0] allowlist (built-in plus {@code .clarity.yml commands}) and the explicit
 * environment allowlist. Depends only on the JDK.
 */
package dev.clarity.runner.policy;
