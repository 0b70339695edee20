package dev.clarity.runner.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into lines for one output stream, capping each line at {@code maxLineBytes} and the whole
 * stream at a shared {@link OutputBudget}. Not thread-safe: one per stream.
 */
final class LineSplitter {
    private final OutputLine.Stream stream;
    private final Consumer<OutputLine> output;
    private final OutputBudget budget;
    private final int maxLineBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineSplitter(OutputLine.Stream stream, Consumer<OutputLine> output, OutputBudget budget, int maxLineBytes) {
        this.stream = stream;
        this.output = output;
        this.budget = budget;
        this.maxLineBytes = maxLineBytes;
    }

    void accept(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                emit();
            } else if (line.size() < maxLineBytes) {
                line.write(b);
            }
        }
    }

    void finish() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        line.reset();
        if (budget.take()) {
            output.accept(new OutputLine(stream, text));
        }
    }
}
