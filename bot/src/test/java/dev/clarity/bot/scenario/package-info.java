/** End-to-end scenarios of the whole application: signed webhooks in, git and GitHub writes out. */
package dev.clarity.bot.scenario;
