/**
 * The repository's {@code .clarity.yml} (DESIGN §4.4): a record tree with defaults, and its parser that names the key
 * and line of anything wrong. Depends on Jackson (YAML) and the runner's api records; used by the bot too.
 */
package dev.clarity.runner.config;
