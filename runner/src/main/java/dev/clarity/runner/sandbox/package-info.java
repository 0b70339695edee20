/**
 * Sandboxes that run tools and checks: the container engine (docker-java) and the process fallback
 * (bubblewrap), and the probes that tell which is available. Depends on nothing of Clarity's outside the runner.
 */
package dev.clarity.runner.sandbox;
