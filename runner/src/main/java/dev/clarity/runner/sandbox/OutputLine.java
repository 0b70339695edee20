package dev.clarity.runner.sandbox;

/** One line a step printed, on the stream it came from (not yet redacted). */
public record OutputLine(Stream stream, String text) {
    public enum Stream {
        STDOUT,
        STDERR
    }
}
