package dev.clarity.runner.api;

/** A criterion that did not pass: what failed, in a sentence, and where ({@code file:line}) when known. */
public record Failure(String criterionKey, String summary, String location) {}
