package dev.clarity.bot.orchestrator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** Computes and checks the checksum chain of an execution's events. Pure; thread-safe. */
public final class EventChain {
    /** The "previous checksum" of an execution's first event. */
    public static final String GENESIS = "0".repeat(64);

    private EventChain() {}

    public static String checksum(String previous, ExecutionEvent e) {
        String content = String.join(
                "\u001f",
                previous,
                Long.toString(e.executionId()),
                Long.toString(e.seq()),
                e.at().toString(),
                e.kind(),
                Objects.toString(e.taskId(), ""),
                Objects.toString(e.step(), ""),
                e.severity(),
                e.message());
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e1);
        }
    }

    /** What a check of the chain found. */
    public sealed interface Verdict {
        record Intact(long events) implements Verdict {}

        /** The first row that does not fit: a gap in the sequence, or content that does not match its checksum. */
        record Broken(long seq, String problem) implements Verdict {}
    }

    /** Checks events given in sequence order: numbering from 1 without gaps, and every checksum. */
    public static Verdict verify(List<ExecutionEvent> events) {
        String previous = GENESIS;
        long expectedSeq = 1;
        for (ExecutionEvent e : events) {
            if (e.seq() != expectedSeq) {
                return new Verdict.Broken(
                        expectedSeq, "event " + expectedSeq + " is missing (next is " + e.seq() + ")");
            }
            if (!checksum(previous, e).equals(e.checksum())) {
                return new Verdict.Broken(e.seq(), "event " + e.seq() + " does not match its checksum (edited?)");
            }
            previous = e.checksum();
            expectedSeq++;
        }
        return new Verdict.Intact(events.size());
    }
}
