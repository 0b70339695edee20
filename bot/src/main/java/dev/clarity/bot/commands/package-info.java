/**
 * The {@code /clarity} comment commands: a pure parser of a comment's first line into a sealed
 * {@link dev.clarity.bot.commands.Command}, and the help text. Depends only on the JDK and the markdown escaper
 * (words quoted from a comment go into the reply).
 */
package dev.clarity.bot.commands;
