/**
 * A load generator for the dashboard's JSON API against seeded volumes (10,000 executions, 1,000,000 events); it
 * prints p50/p95/p99 per endpoint. Depends on the dashboard and migrations modules.
 */
package dev.clarity.benchmarks.dashboard;
