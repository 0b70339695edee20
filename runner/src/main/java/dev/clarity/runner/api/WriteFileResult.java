package dev.clarity.runner.api;

/** {@code bytes} is the length written; on a repeat of the key, the length the first call wrote. */
public record WriteFileResult(boolean ok, String path, int bytes) {}
