package dev.clarity.bot.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's {@code X-Hub-Signature-256}: {@code "sha256=" + hex(HMAC-SHA256(secret, raw body))}, compared in
 * constant time. Thread-safe (each thread keeps a {@link Mac} of its own).
 */
public final class WebhookSignature {
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public WebhookSignature(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required to verify deliveries");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header value GitHub would send for {@code body}. */
    public String sign(byte[] body) {
        Mac mac = macs.get();
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** True when {@code header} is the signature of {@code body}; false when missing or different. */
    public boolean matches(byte[] body, String header) {
        return matches(body, body.length, header);
    }

    /** True when {@code header} is the signature of the first {@code length} bytes of {@code body}. */
    public boolean matches(byte[] body, int length, String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(header, PREFIX.length(), header.length());
        } catch (IllegalArgumentException e) {
            return false;
        }
        Mac mac = macs.get();
        mac.update(body, 0, length);
        return MessageDigest.isEqual(mac.doFinal(), claimed);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("preparing HMAC-SHA256 for webhook signatures", e);
        }
    }
}
