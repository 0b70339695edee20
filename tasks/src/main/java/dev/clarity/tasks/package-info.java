/**
 * The tasks_list.md engine (spec tasks-list.md): a tolerant reader into immutable records, selection of the next
 * atomic item, a byte-preserving writer, and lint. Depends on the JDK only; the bot and the dashboard use it.
 */
package dev.clarity.tasks;
