/**
 * The runner's contract: one Java interface, implemented in-process and by the HTTP client, and the
 * request and result records that travel through it (also as JSON). Every step's result is a sealed interface whose
 * case travels as the JSON field {@code outcome}. Depends only on the JDK and Jackson's annotations.
 */
package dev.clarity.runner.api;
