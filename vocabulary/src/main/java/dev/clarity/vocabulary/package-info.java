/**
 * The vocabulary every module shares, one enum per word list: {@link dev.clarity.vocabulary.Badge},
 * {@link dev.clarity.vocabulary.Step}, {@link dev.clarity.vocabulary.MergePolicy} and
 * {@link dev.clarity.vocabulary.Tool}. Depends on the JDK only; the runner, the dashboard and the bot use it. The
 * schema's CHECK constraints are the source of truth for the stored spellings; a migrations test keeps them equal.
 */
package dev.clarity.vocabulary;
