package dev.clarity.bot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

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
}
