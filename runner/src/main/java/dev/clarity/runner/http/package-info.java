/**
 * The runner's HTTP API on Javalin, and the client that implements the same {@code Runner} interface
 * over it. Depends on the runner's api records, Javalin and Jackson.
 */
package dev.clarity.runner.http;
