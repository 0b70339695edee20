package dev.clarity.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.app.Json;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** Reading a delivery's body with and without a declared length, at and over the limit. */
class BodyReadTest {
    private static final byte[] BODY = "{\"action\":\"created\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void a_declared_length_is_read_exactly() throws Exception {
        assertThat(WebhookEndpoint.readAtMost(new ByteArrayInputStream(BODY), BODY.length, 100))
                .isEqualTo(BODY);
    }

    @Test
    void a_body_shorter_than_declared_is_what_arrived() throws Exception {
        assertThat(WebhookEndpoint.readAtMost(new ByteArrayInputStream(BODY), BODY.length + 5, 100))
                .isEqualTo(BODY);
    }

    @Test
    void a_declared_length_over_the_limit_is_refused_before_reading() throws Exception {
        assertThat(WebhookEndpoint.readAtMost(new ByteArrayInputStream(BODY), 1_000_000, 100))
                .isNull();
    }

    @Test
    void a_body_longer_than_declared_is_refused() throws Exception {
        assertThat(WebhookEndpoint.readAtMost(new ByteArrayInputStream(BODY), BODY.length - 1, 100))
                .isNull();
    }

    @Test
    void without_a_declared_length_the_body_is_read_up_to_the_limit() throws Exception {
        assertThat(WebhookEndpoint.readAtMost(new ByteArrayInputStream(BODY), -1, BODY.length))
                .isEqualTo(BODY);
        assertThat(WebhookEndpoint.readAtMost(new ByteArrayInputStream(BODY), -1, BODY.length - 1))
                .isNull();
        byte[] big = new byte[100_000];
        assertThat(WebhookEndpoint.readAtMost(new ByteArrayInputStream(big), -1, 100_000))
                .hasSize(100_000);
        assertThat(WebhookEndpoint.readAtMost(new ByteArrayInputStream(big), -1, 99_999))
                .isNull();
    }

    @Test
    void a_small_declared_body_is_read_into_the_threads_buffer_and_a_detached_delivery_keeps_its_own_copy()
            throws Exception {
        WebhookEndpoint.Body first = WebhookEndpoint.read(new ByteArrayInputStream(BODY), BODY.length, 100);
        assertThat(java.util.Arrays.copyOf(first.bytes(), first.length())).isEqualTo(BODY);
        Delivery read = Delivery.read("d-1", "issue_comment", first.bytes(), first.length(), Json.mapper());
        Delivery owned = read.detached();

        byte[] other = "{\"action\":\"deleted\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        WebhookEndpoint.Body second = WebhookEndpoint.read(new ByteArrayInputStream(other), other.length, 100);
        // the same buffer, now holding the next body
        assertThat(second.bytes()).isSameAs(first.bytes());
        assertThat(owned.payload().path("action").asText()).isEqualTo("created");
        assertThat(owned.action()).contains("created");
    }

    @Test
    void a_large_or_chunked_body_gets_an_array_of_its_own() throws Exception {
        byte[] big = new byte[WebhookEndpoint.REUSED_BYTES + 1];
        WebhookEndpoint.Body large = WebhookEndpoint.read(new ByteArrayInputStream(big), big.length, big.length);
        WebhookEndpoint.Body chunked = WebhookEndpoint.read(new ByteArrayInputStream(BODY), -1, 100);
        WebhookEndpoint.Body small = WebhookEndpoint.read(new ByteArrayInputStream(BODY), BODY.length, 100);
        assertThat(large.bytes()).hasSize(big.length).isNotSameAs(small.bytes());
        assertThat(chunked.bytes()).isEqualTo(BODY).isNotSameAs(small.bytes());
        assertThat(WebhookEndpoint.read(new ByteArrayInputStream(BODY), BODY.length - 1, 100))
                .as("more bytes than declared")
                .isNull();
    }

    @Test
    void the_signature_covers_exactly_the_body_in_the_buffer() {
        WebhookSignature signature = new WebhookSignature("s3cret");
        byte[] buffer = java.util.Arrays.copyOf(BODY, BODY.length + 10);
        String header = signature.sign(BODY);
        assertThat(signature.matches(buffer, BODY.length, header)).isTrue();
        assertThat(signature.matches(buffer, buffer.length, header)).isFalse();
        assertThat(signature.matches(
                        BODY, header.toUpperCase(java.util.Locale.ROOT).replace("SHA256=", "sha256=")))
                .as("hex digits in either case")
                .isTrue();
        assertThat(signature.matches(BODY, "sha256=" + "zz".repeat(32))).isFalse();
        assertThat(signature.matches(BODY, header.substring(0, header.length() - 2)))
                .isFalse();
        assertThat(signature.matches(BODY, null)).isFalse();
    }
}
