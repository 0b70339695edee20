package dev.clarity.runner.redaction;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values assigned to a name that says they are secret ({@code DB_PASSWORD=…}, {@code "client_secret": "…"},
 * {@code api-key: …}, {@code token=…}), masked as {@code [REDACTED secret]} when they look generated rather than
 * written: at least {@value #MIN_LENGTH} characters, letters and digits both, and a Shannon entropy of at least
 * {@value #MIN_BITS_PER_CHARACTER} bits per character. So {@code password=changeme} (2.75 bits, no digit) and
 * {@code token: myAccessToken} stay, {@code password=passw0rd1} (2.95 bits) stays, and {@code password=passw0rd12}
 * (3.12 bits) goes. A value that continues as code or a template ({@code getPassword()}, {@code os.environ["X"]},
 * {@code ${{ secrets.X }}}, {@code <your-token>}) is not a value, and a colon is a separator only before a blank
 * or a quote (YAML, JSON, headers), so {@code io.jsonwebtoken:jjwt-api:0.12.5} is a Maven coordinate, not a token.
 * Stateless; used only by {@link Redactor}.
 *
 * <p>Linear on any text: the name is a bounded alternation, the separator's blanks and the value are possessive
 * runs, and a value that is declined is not scanned again (matching goes on after it).
 */
final class SecretAssignments {
    static final int MIN_LENGTH = 8;
    static final double MIN_BITS_PER_CHARACTER = 3.0;

    /**
     * Group 1: the name (possibly the tail of a longer one: {@code GITLAB_TOKEN}, {@code X-Api-Key}) with its
     * separator, which stay; group 2: the value, ended by a blank, a quote, a comma, a semicolon, an ampersand, a
     * closing bracket, a backslash or the end.
     */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?i)("
            + "(?:passwords?|passwd|passphrase|secret[_-]?key|secrets?|client[_-]?secret|token|api[_-]?key"
            + "|access[_-]?key|private[_-]?key|credentials?)"
            + "[\"']?+\\s*+(?:=>|:=|=|:(?=[\\s\"'`]))\\s*+[\"'`]?+)"
            + "([^\\s\"'`,;&(){}\\[\\]<>$\\\\]{" + MIN_LENGTH + ",}+)(?![({\\[<$])");

    private SecretAssignments() {}

    /** The stems every name above holds; a text without one is not scanned (most text holds none). */
    private static final List<String> STEMS = List.of("pass", "secret", "token", "key", "credential");

    static String redact(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (STEMS.stream().noneMatch(lower::contains)) {
            return text;
        }
        return ASSIGNMENT
                .matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(
                        looksGenerated(m.group(2)) ? m.group(1) + Redactor.mask("secret") : m.group()));
    }

    static boolean looksGenerated(String value) {
        return value.length() >= MIN_LENGTH
                && value.chars().anyMatch(Character::isLetter)
                && value.chars().anyMatch(Character::isDigit)
                && bitsPerCharacter(value) >= MIN_BITS_PER_CHARACTER;
    }

    /** Shannon entropy of the value's own character frequencies, in bits per character. */
    static double bitsPerCharacter(String value) {
        int[] ascii = new int[128];
        Map<Character, Integer> other = new HashMap<>();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128) {
                ascii[c]++;
            } else {
                other.merge(c, 1, Integer::sum);
            }
        }
        double length = value.length();
        double bits = 0;
        for (int count : ascii) {
            bits += term(count, length);
        }
        for (int count : other.values()) {
            bits += term(count, length);
        }
        return bits;
    }

    private static double term(int count, double length) {
        if (count == 0) {
            return 0;
        }
        double p = count / length;
        return -p * Math.log(p) / Math.log(2);
    }
}
