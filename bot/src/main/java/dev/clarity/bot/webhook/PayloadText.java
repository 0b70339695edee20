package dev.clarity.bot.webhook;

import java.util.Optional;

/**
 * Finds text in a JSON body that PostgreSQL would refuse to store as {@code text}, {@code varchar} or {@code jsonb}:
 * bytes that are not UTF-8 (including encoded surrogates and overlong forms), a NUL written as {@code \u0000}, and a
 * {@code \uD800}–{@code \uDFFF} escape that is not half of a surrogate pair. A payload that holds any of them is
 * refused whole, with the first problem named, before it is stored or handed to a handler: every string in it may
 * end up in a column later (a comment body, a branch name), and a refusal then would come too late to tell GitHub.
 *
 * <p>Called on a body the JSON parser has accepted, so every backslash starts an escape inside a string. One pass
 * over the bytes, no allocation.
 */
final class PayloadText {
    private PayloadText() {}

    /** The first problem in the first {@code length} bytes of {@code body}, as a sentence, or empty. */
    static Optional<String> problem(byte[] body, int length) {
        int i = 0;
        while (i < length) {
            int b = body[i] & 0xff;
            if (b == '\\') {
                if (i + 1 < length && body[i + 1] == 'u') {
                    int unit = hex4(body, i + 2, length);
                    if (unit == 0) {
                        return Optional.of("the body holds a NUL character (\\u0000) at byte " + i
                                + ", which Clarity cannot store");
                    }
                    if (unit >= 0xD800 && unit <= 0xDBFF) {
                        int next = i + 6 + 1 < length && body[i + 6] == '\\' && body[i + 7] == 'u'
                                ? hex4(body, i + 8, length)
                                : -1;
                        if (next < 0xDC00 || next > 0xDFFF) {
                            return unpaired(unit, i);
                        }
                        i += 12;
                        continue;
                    }
                    if (unit >= 0xDC00 && unit <= 0xDFFF) {
                        return unpaired(unit, i);
                    }
                    i += 6;
                    continue;
                }
                i += 2;
                continue;
            }
            if (b < 0x80) {
                i++;
                continue;
            }
            int end = endOfSequence(body, i, length);
            if (end < 0) {
                return Optional.of("the body is not valid UTF-8 at byte " + i);
            }
            i = end;
        }
        return Optional.empty();
    }

    private static Optional<String> unpaired(int unit, int at) {
        return Optional.of(String.format(
                "the body holds an unpaired surrogate (\\u%04X) at byte %d, which is not a character", unit, at));
    }

    /** The four hexadecimal digits at {@code from} as a number, or -1. */
    private static int hex4(byte[] body, int from, int length) {
        if (from + 4 > length) {
            return -1;
        }
        int value = 0;
        for (int k = from; k < from + 4; k++) {
            int digit = Character.digit(body[k] & 0x7f, 16);
            if (digit < 0 || body[k] < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /**
     * The index after the well-formed multi-byte UTF-8 sequence starting at {@code i}, or -1: a lead byte of C2–F4,
     * the right number of continuation bytes, no overlong form, no surrogate (U+D800–U+DFFF), nothing past U+10FFFF.
     */
    private static int endOfSequence(byte[] body, int i, int length) {
        int lead = body[i] & 0xff;
        int continuations;
        int codePoint;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuations = 1;
            codePoint = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuations = 2;
            codePoint = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuations = 3;
            codePoint = lead & 0x07;
        } else {
            return -1;
        }
        if (i + continuations >= length) {
            return -1;
        }
        for (int k = 1; k <= continuations; k++) {
            int c = body[i + k] & 0xff;
            if ((c & 0xC0) != 0x80) {
                return -1;
            }
            codePoint = codePoint << 6 | (c & 0x3F);
        }
        boolean valid = switch (continuations) {
            case 2 -> codePoint >= 0x800 && (codePoint < 0xD800 || codePoint > 0xDFFF);
            case 3 -> codePoint >= 0x10000 && codePoint <= 0x10FFFF;
            default -> true;
        };
        return valid ? i + continuations + 1 : -1;
    }
}
