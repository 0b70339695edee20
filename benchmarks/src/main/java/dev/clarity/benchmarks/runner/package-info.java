/**
 * Runner benchmarks: sandboxed {@code true} against the engine CLI and bare bubblewrap, and prep + commit + push
 * with JGit against the git CLI. Depends on the runner and the testkit.
 */
package dev.clarity.benchmarks.runner;
