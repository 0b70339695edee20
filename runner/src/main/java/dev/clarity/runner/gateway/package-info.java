/**
 * The model gateway: per-step endpoints through which a sandboxed AI tool reaches its model provider with a per-step
 * token, never the provider key; it forwards with the real key, streams answers through and counts their token
 * usage. Depends on the runner's api package (ModelUsage), Jetty (its HTTP server) and the JDK.
 */
package dev.clarity.runner.gateway;
