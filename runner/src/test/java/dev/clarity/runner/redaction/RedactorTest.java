package dev.clarity.runner.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
    private static final String SECRET = "s3cr3t-Value/with+chars";
    private final Redactor redactor = Redactor.builtIn().with(SECRET);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ghp_0123456789abcdefABCDEF0123456789abcd",
                "gho_0123456789abcdefABCDEF0123456789abcd",
                "ghu_0123456789abcdefABCDEF0123456789abcd",
                "ghs_0123456789abcdefABCDEF0123456789abcd",
                "ghr_0123456789abcdefABCDEF0123456789abcd",
                "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789"
            })
    void github_tokens_are_masked(String token) {
        assertThat(redactor.redact("token is " + token + " ok")).isEqualTo("token is [REDACTED] ok");
    }

    @Test
    void credentials_in_urls_are_masked() {
        assertThat(redactor.redact("cloning https://x-access-token:abc123@github.com/acme/shop.git"))
                .isEqualTo("cloning https://[REDACTED]@github.com/acme/shop.git");
    }

    @Test
    void authorization_headers_are_masked() {
        assertThat(redactor.redact("Authorization: Bearer abc.def.ghi")).isEqualTo("Authorization: Bearer [REDACTED]");
        assertThat(redactor.redact("authorization: Basic eC1hY2Nlc3MtdG9rZW46YWJj"))
                .isEqualTo("authorization: Basic [REDACTED]");
    }

    @Test
    void configured_secrets_are_masked_raw_base64_and_url_encoded() {
        String b64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
        String url = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        assertThat(redactor.redact("a " + SECRET + " b " + b64 + " c " + url))
                .doesNotContain(SECRET)
                .doesNotContain(b64)
                .doesNotContain(url)
                .isEqualTo("a [REDACTED] b [REDACTED] c [REDACTED]");
    }

    @Test
    void private_key_blocks_are_masked_in_text_and_in_a_line_stream() {
        String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabcdef\n-----END RSA PRIVATE KEY-----";
        assertThat(redactor.redact("before\n" + key + "\nafter")).isEqualTo("before\n[REDACTED]\nafter");
        List<String> lines = redactor.redactAll(List.of(("before\n" + key + "\nafter").split("\n")));
        assertThat(lines).containsExactly("before", "[REDACTED]", "[REDACTED]", "[REDACTED]", "[REDACTED]", "after");
    }

    @Test
    void short_or_blank_secrets_do_not_mask_ordinary_text() {
        assertThat(Redactor.builtIn().with("ab", " ").redact("abc")).isEqualTo("abc");
        assertThat(redactor.redact(null)).isNull();
    }

    static Stream<CredentialSamples.Sample> credential_formats_are_masked_and_named() {
        return CredentialSamples.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void credential_formats_are_masked_and_named(CredentialSamples.Sample sample) {
        assertThat(redactor.redact(sample.line())).isEqualTo(sample.redacted()).doesNotContain(sample.secret());
        assertThat(String.join("\n", redactor.redactAll(List.of(sample.line().split("\n")))))
                .doesNotContain(sample.secret());
    }

    @Test
    void a_pgp_private_key_block_is_masked_line_by_line_in_a_stream() {
        List<String> lines = redactor.redactAll(List.of(
                "before",
                "-----BEGIN PGP PRIVATE KEY BLOCK-----",
                "",
                "lQOYBGZ3c2kBCAD",
                "=Ab1c",
                "-----END PGP PRIVATE KEY BLOCK-----",
                "after"));
        assertThat(lines)
                .containsExactly(
                        "before", "[REDACTED]", "[REDACTED]", "[REDACTED]", "[REDACTED]", "[REDACTED]", "after");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "password=changeme",
                "password=passw0rd1",
                "token: myAccessToken",
                "String password = getPassword();",
                "api_key = os.environ[\"OPENAI_API_KEY\"]",
                "NPM_TOKEN: ${{ secrets.NPM_TOKEN }}",
                "password: process.env.DB_PASSWORD",
                "secret_key = settings.SECRET_KEY",
                "\"max_tokens\": 4096,",
                "token_count=123456789abc",
                "password=<your-password-here1>",
                "DB_PASSWORD_FILE=/run/secrets/db1",
                "password: \"********\"",
                "if (password == null) return;"
            })
    void low_entropy_or_code_values_after_a_secret_name_stay(String line) {
        assertThat(redactor.redact(line)).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "commit 3f2a1c9e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39 (HEAD -> main)",
                "request 123e4567-e89b-12d3-a456-426614174000 took 12ms",
                "[INFO] Downloaded org.apache.maven.plugins:maven-surefire-plugin:3.2.5 (41 kB at 1.2 MB/s)",
                "com.stripe:stripe-java:24.0.0 and io.jsonwebtoken:jjwt-api:0.12.5",
                "  \"icon\": \"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAC"
                        + "hwGA60e6kgAAAABJRU5ErkJggg==\",",
                "iVBORw0KGgoAAAANSUhEUgAAAGQAAABkCAYAAABw4pVUAAAACXBIWXMAAAsTAAALEwEAmpwYAAAAIGNIUk0AAHolAACAgwAA+/8AAIAI"
                        + "+AIzaSyA1bC2dE3fG4hI5jK6lM7nO8pQ9rS0tUvW/AAOpgAADqYAAAOpgAABdwnLpRPAAAAAlwSFlz/AKIAIOSFODNN7EXAMPLE+",
                "image sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "pip install scikit-learn; task-runner-for-the-whole-build --risk-assessment-enabled",
                "public final class SecretKeySpecFactoryForTheAwsSecretAccessKeyRotation {",
                "the header eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9 alone is no token",
                "see https://docs.gitlab.com/ee/user/profile/personal_access_tokens.html"
            })
    void ordinary_text_is_not_taken_for_a_credential(String line) {
        assertThat(redactor.redact(line)).isEqualTo(line);
    }

    @Test
    void entropy_is_measured_in_bits_per_character_of_the_value_itself() {
        assertThat(SecretAssignments.bitsPerCharacter("aaaaaaaa")).isZero();
        assertThat(SecretAssignments.bitsPerCharacter("changeme")).isCloseTo(2.75, within(1e-9));
        assertThat(SecretAssignments.bitsPerCharacter("passw0rd1"))
                .isLessThan(SecretAssignments.MIN_BITS_PER_CHARACTER);
        assertThat(SecretAssignments.bitsPerCharacter("passw0rd12"))
                .isGreaterThan(SecretAssignments.MIN_BITS_PER_CHARACTER);
        assertThat(SecretAssignments.bitsPerCharacter("0123456789abcdef")).isCloseTo(4.0, within(1e-9));
    }

    /** Far above what linear redaction of these inputs takes (milliseconds); a quadratic pattern takes minutes. */
    private static final Duration GENEROUS = Duration.ofSeconds(5);

    @Test
    void a_word_of_80000_letters_is_redacted_without_rescanning_it() {
        String word = "a".repeat(80_000);
        String text = word + "://user:pw@host " + word;
        String out = assertTimeoutPreemptively(GENEROUS, () -> redactor.redact(text));
        assertThat(out).isEqualTo(word + "://[REDACTED]@host " + word);
    }

    static Stream<Arguments> lines_of_five_million_characters() {
        int size = 5_000_000;
        String credentials = "see https://u:p4ss@example.com/x ";
        return Stream.of(
                Arguments.of("letters", "a".repeat(size), "a".repeat(size)),
                Arguments.of(
                        "letters then a credential",
                        "a".repeat(size) + "://u:p@h",
                        "a".repeat(size) + "://[REDACTED]@h"),
                Arguments.of("colons after a scheme", "://" + ":".repeat(size), "://" + ":".repeat(size)),
                Arguments.of(
                        "blanks after authorization",
                        "Authorization:" + " ".repeat(size),
                        "Authorization:" + " ".repeat(size)),
                Arguments.of(
                        "a key label that never ends",
                        "-----BEGIN " + "A".repeat(size),
                        "-----BEGIN " + "A".repeat(size)),
                Arguments.of("token prefixes", "ghp_".repeat(size / 4), "ghp_".repeat(size / 4)),
                Arguments.of("aws key id prefixes", "AKIA".repeat(size / 4), "AKIA".repeat(size / 4)),
                Arguments.of(
                        "an aws secret name before a run too long to be a key",
                        "aws_secret_access_key=" + "a".repeat(size),
                        "aws_secret_access_key=" + "a".repeat(size)),
                Arguments.of(
                        "aws secret names",
                        "aws_secret_access_key=".repeat(size / 22),
                        "aws_secret_access_key=".repeat(size / 22)),
                Arguments.of("gitlab prefixes", "glpat-".repeat(size / 6), "[REDACTED gitlab-token]"),
                Arguments.of("gitlab tokens too short", "glpat-a.".repeat(size / 8), "glpat-a.".repeat(size / 8)),
                Arguments.of("slack prefixes", "xoxb-".repeat(size / 5), "[REDACTED slack-token]"),
                Arguments.of(
                        "slack webhook paths too short",
                        "hooks.slack.com/services/".repeat(size / 25),
                        "hooks.slack.com/services/".repeat(size / 25)),
                Arguments.of("stripe prefixes", "sk_live_".repeat(size / 8), "sk_live_".repeat(size / 8)),
                Arguments.of("anthropic prefixes", "sk-ant-".repeat(size / 7), "[REDACTED anthropic-key]"),
                Arguments.of("openai project prefixes", "sk-proj-".repeat(size / 8), "[REDACTED openai-key]"),
                Arguments.of("openai prefixes", "sk-".repeat(size / 3), "sk-".repeat(size / 3)),
                Arguments.of("google key prefixes", "AIza".repeat(size / 4), "AIza".repeat(size / 4)),
                Arguments.of("jwt prefixes joined by dashes", "eyJ-".repeat(size / 4), "eyJ-".repeat(size / 4)),
                Arguments.of(
                        "jwt parts with a signature too short",
                        "eyJ0123456789.".repeat(size / 14),
                        "eyJ0123456789.".repeat(size / 14)),
                Arguments.of(
                        "a pgp key block that never ends",
                        "-----BEGIN PGP PRIVATE KEY BLOCK-----" + "a".repeat(size),
                        "[REDACTED]"),
                Arguments.of(
                        "blanks after a password name", "password=" + " ".repeat(size), "password=" + " ".repeat(size)),
                Arguments.of("password names as a value", "password:".repeat(size / 9), "password:".repeat(size / 9)),
                Arguments.of(
                        "a generated value of five million characters",
                        "secret=" + "abc123XYZ".repeat(size / 9),
                        "secret=[REDACTED secret]"),
                Arguments.of(
                        "many credentials",
                        credentials.repeat(size / credentials.length()),
                        "see https://[REDACTED]@example.com/x ".repeat(size / credentials.length())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void lines_of_five_million_characters(String shape, String line, String expected) {
        String out = assertTimeoutPreemptively(GENEROUS, () -> redactor.redact(line));
        assertThat(out).isEqualTo(expected);
        List<String> streamed = assertTimeoutPreemptively(GENEROUS, () -> redactor.redactAll(List.of(line)));
        assertThat(streamed).containsExactly(expected);
    }

    @Test
    void credentials_after_any_scheme_are_masked_and_the_scheme_is_kept() {
        assertThat(redactor.redact("git+ssh://git:pw@host/x 1http://a:b@c ://u:p@h"))
                .isEqualTo("git+ssh://[REDACTED]@host/x 1http://[REDACTED]@c ://[REDACTED]@h");
        assertThat(redactor.redact("https://user@host/x and https://host:8080/x"))
                .isEqualTo("https://user@host/x and https://host:8080/x");
    }
}
