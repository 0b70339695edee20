package dev.clarity.testkit.autonomy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Credentials of common shapes that the secret-printing tools print: an AWS access key id and secret key, a GitHub
 * classic token and a private key block. Made from a seed when a suite starts (never written in the sources, so no
 * scanner mistakes them for real ones); {@link #needles()} are the strings whose appearance anywhere is a leak.
 */
public record PlantedSecrets(String awsKeyId, String awsSecretKey, String githubToken, String privateKey) {
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static PlantedSecrets generate(long seed) {
        Random random = new Random(seed);
        byte[] key = new byte[96];
        random.nextBytes(key);
        String body = Base64.getEncoder().encodeToString(key);
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + body.substring(0, 64) + "\n" + body.substring(64)
                + "\n-----END RSA PRIVATE KEY-----";
        return new PlantedSecrets(
                "AKIA" + pick(random, UPPER, 16),
                pick(random, ALNUM + "/+", 40),
                "ghp_" + pick(random, ALNUM, 36),
                pem);
    }

    /**
     * The values for a tool script's placeholders, base64-encoded ({@code @AWS_KEY_ID_B64@}…): the script decodes them
     * when it runs, so the committed script holds no credential and every one found later came from the tool's run.
     */
    public Map<String, String> placeholders() {
        Base64.Encoder b64 = Base64.getEncoder();
        return Map.of(
                "AWS_KEY_ID_B64", b64.encodeToString(awsKeyId.getBytes(StandardCharsets.US_ASCII)),
                "AWS_SECRET_KEY_B64", b64.encodeToString(awsSecretKey.getBytes(StandardCharsets.US_ASCII)),
                "GITHUB_TOKEN_B64", b64.encodeToString(githubToken.getBytes(StandardCharsets.US_ASCII)),
                "PRIVATE_KEY_B64", b64.encodeToString(privateKey.getBytes(StandardCharsets.US_ASCII)));
    }

    /** What must appear nowhere: each credential, and each line of the private key's body. */
    public List<String> needles() {
        String[] lines = privateKey.split("\n");
        return List.of(awsKeyId, awsSecretKey, githubToken, lines[1], lines[2]);
    }

    private static String pick(Random random, String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
