package dev.clarity.runner.api;

/**
 * A workspace file as read: {@code found} is false (and {@code content} null) when the file does not exist, which
 * is an answer, not a failure. In JSON {@code content} travels as base64, so any bytes arrive unchanged.
 */
public record FileContent(boolean found, byte[] content) {
    public static FileContent missing() {
        return new FileContent(false, null);
    }

    public static FileContent of(byte[] content) {
        return new FileContent(true, content);
    }

    @Override
    public String toString() {
        return found ? "FileContent[" + content.length + " bytes]" : "FileContent[missing]";
    }
}
