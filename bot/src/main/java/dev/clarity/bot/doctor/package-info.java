/**
 * {@code clarity doctor}: checks of the JDK, database, container engine, bubblewrap, the sandbox image, GitHub settings
 * and the tools a repository configures. Depends on the configuration, the migrations and the runner's sandbox probes.
 */
package dev.clarity.bot.doctor;
