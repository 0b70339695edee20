package dev.clarity.runner.redaction;

import static org.assertj.core.api.Assertions.assertThat;
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
