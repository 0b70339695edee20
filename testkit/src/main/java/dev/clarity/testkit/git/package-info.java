/**
 * Real git for tests: a smart-HTTP git server with token auth (JGit's GitServlet on Jetty) and isolation of JGit
 * from the machine's and user's git config. Depends on JGit and Jetty only.
 */
package dev.clarity.testkit.git;
