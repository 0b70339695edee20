package dev.clarity.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The recorded GitHub bodies kept in this module: {@code github-api/} (REST responses recorded from api.github.com
 * by hub4j/github-api) and {@code github-webhooks/} (example deliveries from octokit/webhooks), byte for byte.
 */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** The exact bytes of {@code fixtures/<folder>/<name>}. */
    public static byte[] bytes(String folder, String name) {
        String path = "/fixtures/" + folder + "/" + name;
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading fixture " + path, e);
        }
    }

    public static byte[] webhook(String name) {
        return bytes("github-webhooks", name);
    }

    public static JsonNode api(String name) {
        try {
            return JSON.readTree(bytes("github-api", name));
        } catch (IOException e) {
            throw new UncheckedIOException("parsing fixture " + name, e);
        }
    }
}
