/**
 * The one escaper for text Clarity did not write itself (task lists, tools, checks, commits, commands) on its way
 * into anything it writes on GitHub. Depends only on the JDK, so the command parser, the renderers and the reply
 * builders can all use it.
 */
package dev.clarity.bot.markdown;
