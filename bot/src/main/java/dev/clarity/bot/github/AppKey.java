package dev.clarity.bot.github;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads the App's private key from PEM: PKCS#1 ({@code RSA PRIVATE KEY}, what GitHub hands out) or PKCS#8. */
public final class AppKey {
    private AppKey() {}

    /** @throws IllegalArgumentException when the text holds no RSA private key (the message never echoes the key) */
    public static RSAPrivateKey fromPem(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem.strip()))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey key = switch (object) {
                case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case null -> throw new IllegalArgumentException("the GitHub App private key holds no PEM block");
                default ->
                    throw new IllegalArgumentException("the GitHub App private key is a "
                            + object.getClass().getSimpleName() + ", not an RSA private key");
            };
            if (key instanceof RSAPrivateKey rsa) {
                return rsa;
            }
            throw new IllegalArgumentException("the GitHub App private key is not an RSA key");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "reading the GitHub App private key PEM: " + e.getClass().getSimpleName());
        }
    }
}
