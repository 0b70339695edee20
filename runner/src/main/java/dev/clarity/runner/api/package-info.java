/**
 * The runner's contract (DESIGN §4.2): one Java interface, implemented in-process and by the HTTP client, and the
 * request and result records that travel through it (also as JSON). Depends only on the JDK.
 */
package dev.clarity.runner.api;
