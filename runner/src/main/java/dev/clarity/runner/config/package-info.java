/**
 * The repository's {@code .clarity.yml} ({@code docs/configuration.md}, {@code docs/clarity.schema.json}): a record
 * tree with defaults, and its parser that names the key and line of anything wrong. Depends on Jackson (YAML) and the runner's api records; used by the bot too.
 */
package dev.clarity.runner.config;
