package dev.clarity.tasks;

/**
 * Strict UTF-8 validation that names the line of the first bad byte: overlong forms, surrogates, code points above
 * U+10FFFF and truncated sequences are refused, and so is a NUL byte (the sign of a binary file).
 */
final class Utf8Check {
    private Utf8Check() {}

    static void validate(byte[] b) {
        int line = 1;
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                if (c == 0) {
                    throw new TaskListException(
                            "the file is binary (it holds a NUL byte), not a Markdown task list", line);
                }
                if (c == '\n') {
                    line++;
                }
                i++;
                continue;
            }
            int need;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                throw notUtf8(line, c);
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                if (i + k >= n) {
                    throw notUtf8(line, c);
                }
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    throw notUtf8(line, c);
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw notUtf8(line, c);
            }
            i += need + 1;
        }
    }

    private static TaskListException notUtf8(int line, int c) {
        return new TaskListException(
                "the file is not UTF-8 (byte 0x%02X cannot start or continue a character here)".formatted(c), line);
    }
}
