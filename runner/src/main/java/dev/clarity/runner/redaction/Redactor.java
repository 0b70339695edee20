package dev.clarity.runner.redaction;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text with {@value #MASK}: GitHub tokens ({@code ghp_ gho_ ghu_ ghs_ ghr_ github_pat_}),
 * private key blocks (PGP's too), credentials in URLs, {@code Authorization} headers, and every configured secret
 * value, also in its base64 and URL-encoded forms. Other credentials are masked by shape and named, as
 * {@code [REDACTED <kind>]} ({@link CredentialShapes}: AWS, GitLab, Slack, Stripe, OpenAI, Anthropic, Google API
 * keys, JWTs), and so are generated-looking values assigned to a secret's name ({@link SecretAssignments}).
 * Immutable and thread-safe; {@link #with} makes a copy that knows more secrets. For line-by-line streams use
 * {@link #lines()}, which also hides the inner lines of a key block.
 *
 * <p>Every pattern runs in time linear in the text, whatever the text: a pattern starts with a literal, a word
 * boundary or the start of a run of token characters, its runs are possessive or stop at a character that ends them,
 * so no start position rescans the text after it (a tool's output and task titles are untrusted; a quadratic
 * pattern here held a step for minutes).
 */
public final class Redactor {
    public static final String MASK = "[REDACTED]";

    private static final Pattern GITHUB_TOKEN =
            Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{16,}+|github_pat_[A-Za-z0-9_]{16,}+)");
    /** PEM ({@code RSA}, {@code EC}, {@code OPENSSH}, {@code ENCRYPTED}, none) and PGP ({@code … KEY BLOCK}). */
    private static final Pattern KEY_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY((?: BLOCK)?)-----.*?(?:-----END \\1PRIVATE KEY\\2-----|\\z)",
            Pattern.DOTALL);

    private static final Pattern KEY_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern KEY_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----");
    /**
     * {@code user:password@} after any {@code ://}. The pattern starts at the {@code ://} rather than at the scheme:
     * a scheme-first pattern tried every letter of a long word as a scheme start and was quadratic (80,000 letters
     * took half a minute). Without a scheme before it, {@code ://u:p@} is masked too, which is harmless.
     */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("://[^/\\s:@]*+:[^/\\s@]++@");

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)((?:proxy-)?authorization\\s*+[:=]\\s*+\"?)(?:(bearer|basic|token|digest)\\s++)?[^\\s\"]++");
    private static final int MIN_SECRET_LENGTH = 4;

    private final List<String> secrets;

    /** The mask of a credential recognised by its shape: {@code [REDACTED aws-access-key]}. */
    public static String mask(String kind) {
        return "[REDACTED " + kind + "]";
    }

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redactor that knows only the built-in patterns. */
    public static Redactor builtIn() {
        return new Redactor(List.of());
    }

    /** A copy that also hides {@code values} (blank and very short values are ignored: they would mask noise). */
    public Redactor with(Collection<String> values) {
        Set<String> all = new LinkedHashSet<>(secrets);
        for (String value : values) {
            if (value == null || value.strip().length() < MIN_SECRET_LENGTH) {
                continue;
            }
            all.add(value);
            all.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            all.add(Base64.getEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            all.add(Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            all.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            all.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(sorted));
    }

    public Redactor with(String... values) {
        return with(List.of(values));
    }

    /** The text with every secret masked; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        out = KEY_BLOCK.matcher(out).replaceAll(MASK);
        out = GITHUB_TOKEN.matcher(out).replaceAll(MASK);
        out = URL_CREDENTIALS.matcher(out).replaceAll(Matcher.quoteReplacement("://" + MASK + "@"));
        out = AUTHORIZATION
                .matcher(out)
                .replaceAll(m ->
                        Matcher.quoteReplacement(m.group(1) + (m.group(2) == null ? "" : m.group(2) + " ") + MASK));
        // after the header: "Bearer eyJ…" stays "Bearer [REDACTED]", not a header mask cut at the kind's blank
        out = CredentialShapes.redact(out);
        // last: a name whose value an earlier pattern masked keeps that mask ("[" ends no value)
        return SecretAssignments.redact(out);
    }

    public List<String> redactAll(List<String> lines) {
        LineFilter filter = lines();
        return lines.stream().map(filter::apply).toList();
    }

    /** A stateful filter for one stream of lines: lines inside a private key block come out as the mask. */
    public LineFilter lines() {
        return new LineFilter(this);
    }

    /** Redacts one stream line by line; not thread-safe (one per stream). */
    public static final class LineFilter {
        private final Redactor redactor;
        private boolean insideKey;

        private LineFilter(Redactor redactor) {
            this.redactor = redactor;
        }

        public String apply(String line) {
            if (insideKey) {
                if (KEY_END.matcher(line).find()) {
                    insideKey = false;
                }
                return MASK;
            }
            Matcher begin = KEY_BEGIN.matcher(line);
            if (begin.find() && !KEY_END.matcher(line).find()) {
                insideKey = true;
                return redactor.redact(line.substring(0, begin.start())) + MASK;
            }
            return redactor.redact(line);
        }
    }
}
