/**
 * The tasks_list.md engine (spec tasks-list.md): a tolerant reader into immutable records, selection of the next
 * atomic item, a byte-preserving writer, and lint. May depend on the JDK only.
 */
package dev.clarity.bot.tasks;
