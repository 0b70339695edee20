/**
 * What the load generators share: seeding CRM volumes in bulk ({@link dev.clarity.benchmarks.kit.CrmSeed}), a
 * dashboard served over HTTP on an embedded database ({@link dev.clarity.benchmarks.kit.BenchServer}) and timing its
 * endpoints ({@link dev.clarity.benchmarks.kit.LatencySampler}). Depends on the dashboard and migrations modules.
 */
package dev.clarity.benchmarks.kit;
