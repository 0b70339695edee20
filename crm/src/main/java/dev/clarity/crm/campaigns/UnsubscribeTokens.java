package dev.clarity.crm.campaigns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Tokens of unsubscribe links: 128 random bits, URL-safe base64, of which only the SHA-256 is stored. A token from a
 * link is hashed and looked up by hash; the stored hash is then compared with {@link MessageDigest#isEqual}, so the
 * comparison takes the same time whatever the token.
 */
public final class UnsubscribeTokens {
    private final SecureRandom random;

    public UnsubscribeTokens(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether {@code token} is well-formed (22 URL-safe base64 characters): anything else is never looked up. */
    public static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{22}");
    }

    public static boolean matches(String token, String storedHash) {
        return MessageDigest.isEqual(
                hash(token).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
