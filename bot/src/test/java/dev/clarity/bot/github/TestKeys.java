package dev.clarity.bot.github;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/** An RSA key pair made for a test run, written as PKCS#1 and PKCS#8 PEM. */
public final class TestKeys {
    public static final KeyPair PAIR = generate();

    private TestKeys() {}

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pkcs8() {
        return pem("PRIVATE KEY", PAIR.getPrivate().getEncoded());
    }

    public static String pkcs1() {
        try {
            byte[] rsa = PrivateKeyInfo.getInstance(PAIR.getPrivate().getEncoded())
                    .parsePrivateKey()
                    .toASN1Primitive()
                    .getEncoded();
            return pem("RSA PRIVATE KEY", rsa);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
