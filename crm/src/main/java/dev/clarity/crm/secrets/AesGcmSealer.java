package dev.clarity.crm.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets with AES-256-GCM: a fresh 12-byte nonce per seal, a 128-bit tag, and the row's identity (owner and
 * provider) as associated data, so a sealed value copied to another row does not open. The key comes from
 * {@code CLARITY_SECRETS_KEY} (base64 of 32 bytes; needed when several Clarity processes share one database) or else
 * from a key file in the data directory, made on first use with mode 0600, like the App's private key beside it.
 * Thread-safe.
 */
public final class AesGcmSealer implements SecretSealer {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    public AesGcmSealer(byte[] key, SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a secrets key is 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = random;
    }

    /**
     * With a key made now and kept nowhere: what it seals opens only in this process (a dashboard that sends no mail,
     * tests).
     */
    public static AesGcmSealer withFreshKey(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new AesGcmSealer(key, random);
    }

    /** With the key of {@code base64Key} when present, else of {@code keyFile} (made when missing). */
    public static AesGcmSealer fromKeyOrFile(Optional<String> base64Key, Path keyFile, SecureRandom random) {
        if (base64Key.isPresent()) {
            return new AesGcmSealer(Base64.getDecoder().decode(base64Key.get().trim()), random);
        }
        try {
            if (!Files.exists(keyFile)) {
                Files.createDirectories(keyFile.getParent());
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                try {
                    Files.createFile(
                            keyFile,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(keyFile, Base64.getEncoder().encodeToString(fresh) + "\n");
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            return new AesGcmSealer(
                    Base64.getDecoder().decode(Files.readString(keyFile).trim()), random);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the secrets key " + keyFile, e);
        }
    }

    /** base64(nonce || ciphertext || tag) of {@code secret}, bound to {@code context}. */
    @Override
    public String seal(String secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a secret with AES-GCM", e);
        }
    }

    /**
     * The secret {@link #seal} sealed under {@code context}. A value sealed under another key or context, or altered,
     * does not open: an {@link IllegalStateException} that says so (and nothing of the value).
     */
    @Override
    public String open(String sealed, String context) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a sealed secret (" + context
                    + ") does not open with this secrets key: was CLARITY_SECRETS_KEY or the key file changed?");
        }
    }
}
