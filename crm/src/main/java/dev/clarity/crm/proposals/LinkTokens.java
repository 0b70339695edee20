package dev.clarity.crm.proposals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The random tokens of proposal links: 256 bits from a {@link SecureRandom}, written base64url without padding (43
 * characters). Only {@link #hash} of a token is stored. The form token of a link's page is derived from the link
 * token, so a page from another site, which does not know the link, cannot post a valid one. Thread-safe.
 */
public final class LinkTokens {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final SecureRandom random;

    public LinkTokens(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when {@code token} has the shape {@link #next()} gives, checked before it reaches the database. */
    public static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** The SHA-256 of {@code token} in lower-case hex, as {@code proposal_links.token_sha256} holds it. */
    public static String hash(String token) {
        return java.util.HexFormat.of().formatHex(sha256(token));
    }

    /** The token the accept and decline forms of the link's page carry. */
    public static String formToken(String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("proposal-form\n" + token));
    }

    /** Compares a posted form token with the one derived from {@code token}, in constant time. */
    public static boolean formTokenMatches(String token, String posted) {
        return posted != null
                && MessageDigest.isEqual(
                        formToken(token).getBytes(StandardCharsets.US_ASCII),
                        posted.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
