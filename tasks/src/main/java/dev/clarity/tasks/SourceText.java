package dev.clarity.tasks;

import java.nio.charset.StandardCharsets;

/**
 * The raw bytes of a task list split into lines without copying: for each line the byte offset where it starts,
 * where its content ends (before {@code \r\n} or {@code \n}) and where the next line starts. A leading UTF-8 BOM is
 * outside line 1's content. Construction validates the bytes (size, no NUL, strict UTF-8), so every later decode
 * is exact and every edit can splice bytes at known offsets.
 */
final class SourceText {
    /** Larger files are refused: the biggest real lists are well under 1 MB. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private final byte[] bytes;
    private final int[] starts;
    private final int[] contentEnds;
    private final int[] ends;
    private final int count;
    private final boolean bom;

    private SourceText(byte[] bytes, int[] starts, int[] contentEnds, int[] ends, int count, boolean bom) {
        this.bytes = bytes;
        this.starts = starts;
        this.contentEnds = contentEnds;
        this.ends = ends;
        this.count = count;
        this.bom = bom;
    }

    static SourceText of(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new TaskListException(
                    "the file is %.1f MB; a task list may be at most %d MB"
                            .formatted(bytes.length / 1_000_000.0, MAX_BYTES / (1024 * 1024)),
                    0);
        }
        Utf8Check.validate(bytes);
        boolean bom = bytes.length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        int capacity = 16;
        int[] starts = new int[capacity];
        int[] contentEnds = new int[capacity];
        int[] ends = new int[capacity];
        int n = 0;
        int pos = bom ? 3 : 0;
        int lineStart = pos;
        int len = bytes.length;
        while (true) {
            int nl = indexOfNewline(bytes, pos, len);
            if (n == capacity) {
                capacity *= 2;
                starts = java.util.Arrays.copyOf(starts, capacity);
                contentEnds = java.util.Arrays.copyOf(contentEnds, capacity);
                ends = java.util.Arrays.copyOf(ends, capacity);
            }
            starts[n] = lineStart;
            if (nl < 0) {
                contentEnds[n] = len;
                ends[n] = len;
                n++;
                break;
            }
            contentEnds[n] = nl > lineStart && bytes[nl - 1] == '\r' ? nl - 1 : nl;
            ends[n] = nl + 1;
            n++;
            pos = nl + 1;
            lineStart = pos;
            if (pos == len) {
                break; // a final newline does not open another line
            }
        }
        return new SourceText(bytes, starts, contentEnds, ends, n, bom);
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    byte[] bytes() {
        return bytes;
    }

    /** Number of lines; an empty file has one empty line. */
    int lineCount() {
        return count;
    }

    boolean hasBom() {
        return bom;
    }

    /** The decoded content of 0-based line {@code i}, without its line ending. */
    String line(int i) {
        return new String(bytes, starts[i], contentEnds[i] - starts[i], StandardCharsets.UTF_8);
    }

    int start(int i) {
        return starts[i];
    }

    int contentEnd(int i) {
        return contentEnds[i];
    }

    int end(int i) {
        return ends[i];
    }

    /** The bytes that end 0-based line {@code i}: {@code \r\n}, {@code \n}, or nothing on a last line. */
    String ending(int i) {
        return new String(bytes, contentEnds[i], ends[i] - contentEnds[i], StandardCharsets.US_ASCII);
    }

    /** The line ending new lines should use: the first one in the file, {@code \n} when there is none. */
    String dominantEnding() {
        for (int i = 0; i < count; i++) {
            String e = ending(i);
            if (!e.isEmpty()) {
                return e;
            }
        }
        return "\n";
    }
}
