package dev.clarity.runner.redaction;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Credentials recognised by their published shape, each masked as {@code [REDACTED <kind>]} so a reader knows what
 * leaked. Stateless; used only by {@link Redactor}. Old 40-hex GitHub OAuth tokens and other prefix-less secrets
 * look like commit ids and are left to the configured secrets and to {@link SecretAssignments}.
 *
 * <p>Every token shape starts with a literal prefix and must not follow a character a token, base64 or base64url
 * run continues with ({@code RUN_START}), so an attempt starts only where such a run starts and scans it once: a
 * plain word boundary is not enough here, since {@code -} is both a boundary and a token character and
 * {@code glpat-glpat-glpat-…} would be rescanned from every prefix. The same rule keeps {@code AIza…} or
 * {@code eyJ…} inside a long base64 blob (an embedded image) from being taken for a key.
 */
final class CredentialShapes {
    private static final String RUN_START = "(?<![A-Za-z0-9_+/-])";

    /**
     * Tokens of one kind: one of {@code prefixes}, at the start of a run, then {@code body}. A text that holds none
     * of the prefixes is not scanned by the pattern at all (a plain substring search is many times faster than a
     * pattern trying every position, and most text holds none).
     */
    private record Shape(String kind, List<String> prefixes, Pattern pattern) {
        Shape(String kind, List<String> prefixes, String body) {
            this(
                    kind,
                    prefixes,
                    Pattern.compile(RUN_START
                            + prefixes.stream().map(Pattern::quote).collect(Collectors.joining("|", "(?:", ")"))
                            + body));
        }

        String redact(String text) {
            return prefixes.stream().anyMatch(text::contains)
                    ? pattern.matcher(text).replaceAll(Matcher.quoteReplacement(Redactor.mask(kind)))
                    : text;
        }
    }

    private static final List<Shape> SHAPES = List.of(
            // AWS access key ids: long-term (AKIA) and temporary (ASIA), 16 upper-case letters or digits after
            new Shape("aws-access-key", List.of("AKIA", "ASIA"), "[A-Z0-9]{16}(?![A-Za-z0-9])"),
            // GitLab personal, deploy, runner, CI job, trigger, feed, OAuth, incoming-mail and agent tokens; newer
            // ones carry dot-separated parts
            new Shape(
                    "gitlab-token",
                    List.of(
                            "glpat-",
                            "gldt-",
                            "glrt-",
                            "glcbt-",
                            "glptt-",
                            "glft-",
                            "glsoat-",
                            "gloas-",
                            "glimt-",
                            "glagent-"),
                    "[A-Za-z0-9_-]{20,}+(?:\\.[A-Za-z0-9_-]++)*+"),
            // Slack bot, user, app-level, refresh and rotating tokens
            new Shape(
                    "slack-token",
                    List.of("xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-", "xoxe-", "xoxe.xoxb-", "xoxe.xoxp-", "xapp-"),
                    "[A-Za-z0-9-]{10,}+"),
            // Stripe secret and restricted keys (publishable pk_ keys are public and stay)
            new Shape("stripe-key", List.of("sk_live_", "sk_test_", "rk_live_", "rk_test_"), "[A-Za-z0-9]{16,}+"),
            new Shape("anthropic-key", List.of("sk-ant-"), "[A-Za-z0-9_-]{20,}+"),
            // OpenAI project, service-account and admin keys, then the older sk- + letters and digits only (a
            // dash in the body would take sk-learn-style names for keys)
            new Shape("openai-key", List.of("sk-proj-", "sk-svcacct-", "sk-admin-"), "[A-Za-z0-9_-]{20,}+"),
            new Shape("openai-key", List.of("sk-"), "[A-Za-z0-9]{32,}+"),
            new Shape("google-api-key", List.of("AIza"), "[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])"),
            // header and payload are base64url JSON objects ({" is eyJ); a signature is required
            new Shape("jwt", List.of("eyJ"), "[A-Za-z0-9_-]{10,}+\\.eyJ[A-Za-z0-9_-]{10,}+\\.[A-Za-z0-9_-]{16,}+"));

    /**
     * An AWS secret access key has no prefix of its own (40 base64 characters), so it is masked only right after a
     * name that says what it is: {@code aws_secret_access_key = …}, {@code AWS_SECRET_ACCESS_KEY=…},
     * {@code "SecretAccessKey": "…"}. The name is kept.
     */
    private static final Pattern AWS_SECRET =
            Pattern.compile("(?i)((?:aws_?secret_?(?:access_?)?key|secret_?access_?key)[\"']?+\\s*+[:=]\\s*+[\"']?+)"
                    + "[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");

    /** A Slack incoming-webhook or workflow URL: whoever has the path can post; the host stays readable. */
    private static final String SLACK_HOST = "hooks.slack.com/";

    private static final Pattern SLACK_WEBHOOK =
            Pattern.compile("(hooks\\.slack\\.com/(?:services|workflows|triggers)/)[A-Za-z0-9_/-]{20,}+");

    private CredentialShapes() {}

    static String redact(String text) {
        String out = text;
        for (Shape shape : SHAPES) {
            out = shape.redact(out);
        }
        if (out.toLowerCase(Locale.ROOT).contains("secret")) {
            out = AWS_SECRET
                    .matcher(out)
                    .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + Redactor.mask("aws-secret-key")));
        }
        if (out.contains(SLACK_HOST)) {
            out = SLACK_WEBHOOK
                    .matcher(out)
                    .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + Redactor.mask("slack-webhook")));
        }
        return out;
    }
}
