/** {@code clarity doctor}: checks of the JDK, database, container engine, bubblewrap and GitHub settings. */
package dev.clarity.bot.doctor;
