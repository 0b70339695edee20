/**
 * Test-only helpers shared by several modules (fake GitHub, smart-HTTP git server, repository builders). Used in
 * test scope only; production code never depends on it.
 */
package dev.clarity.testkit;
