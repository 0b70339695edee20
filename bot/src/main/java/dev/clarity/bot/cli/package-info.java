/**
 * The command line ({@code ./clarity …}, picocli): one class per command, each a thin shell that builds what it
 * needs through the composition root in {@code dev.clarity.bot.app} and maps outcomes to exit codes.
 */
package dev.clarity.bot.cli;
