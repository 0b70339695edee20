package dev.clarity.crm.secrets;

/**
 * Seals a secret bound to a context (the row it belongs to), so that a sealed value copied elsewhere does not open.
 * {@link AesGcmSealer} implements it with the one secrets key of the installation
 * ({@code CLARITY_SECRETS_KEY} or the key file in the data directory).
 */
public interface SecretSealer {
    String seal(String secret, String context);

    /** The secret; an {@link IllegalStateException} (naming nothing of the value) when it does not open. */
    String open(String sealed, String context);
}
