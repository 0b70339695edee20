package dev.clarity.tasks;

import java.nio.charset.StandardCharsets;

/** Small helpers for tests: a list from lines joined by LF. */
final class Lists {
    private Lists() {}

    static byte[] bytes(String... lines) {
        return String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8);
    }

    static TaskList parse(String... lines) {
        return TaskListReader.parse(bytes(lines));
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
