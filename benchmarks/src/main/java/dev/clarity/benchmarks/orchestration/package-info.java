/** Orchestration overhead per task: everything but the tool's and the checks' own time. */
package dev.clarity.benchmarks.orchestration;
