/**
 * The immutable configuration record tree, built once from the environment at start-up. Depends only on the
 * JDK and {@code dev.clarity.migrations} (for the database location type).
 */
package dev.clarity.bot.config;
