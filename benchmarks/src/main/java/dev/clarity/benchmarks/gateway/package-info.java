/**
 * The model gateway's figures: added latency per request and to the first streamed byte against calling the scripted
 * model server directly, and whether its usage accounting is exact. Uses the runner's gateway and testkit's server.
 */
package dev.clarity.benchmarks.gateway;
