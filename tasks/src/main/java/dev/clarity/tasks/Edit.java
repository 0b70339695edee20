package dev.clarity.tasks;

import java.util.List;

/** What a writer operation did to the bytes it was given. */
public sealed interface Edit {
    /** The bytes to write back: the new ones when changed, the original ones otherwise. */
    byte[] apply(byte[] original);

    /** The file changed; {@code lines} are the 1-based lines (of the original) that were edited or inserted after. */
    record Changed(byte[] bytes, List<Integer> lines) implements Edit {
        public Changed {
            lines = List.copyOf(lines);
        }

        @Override
        public byte[] apply(byte[] original) {
            return bytes;
        }
    }

    /** Nothing to do (already done, already injected, already appended); not one byte differs. */
    record Unchanged(String reason) implements Edit {
        @Override
        public byte[] apply(byte[] original) {
            return original;
        }
    }

    /** The item named does not exist, or is not of the kind the operation needs. */
    record NotFound(String message) implements Edit {
        @Override
        public byte[] apply(byte[] original) {
            return original;
        }
    }
}
