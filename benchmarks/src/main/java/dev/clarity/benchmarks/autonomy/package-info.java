/**
 * The autonomy benchmark: generated task lists × every stand-in tool through the whole application, scored for false
 * ✅, work left undone, tool runs per failing leaf and leaked credentials. Depends on the bot's autonomy harness.
 */
package dev.clarity.benchmarks.autonomy;
