/**
 * Load test of {@code POST /webhooks/github}: the server as {@code serve} builds it, driven by {@code wrk} with
 * signed deliveries. Depends on the bot module, the testkit fixtures and an installed {@code wrk}.
 */
package dev.clarity.benchmarks.webhook;
