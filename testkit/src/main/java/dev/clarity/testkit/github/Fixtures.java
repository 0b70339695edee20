package dev.clarity.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

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

    /**
     * The names of every recorded delivery under {@code github-webhooks/} ({@code <event>[.<action>][.<variant>].json}),
     * sorted: a test that goes through all of them covers a fixture added later too.
     */
    public static List<String> webhookNames() {
        String folder = "/fixtures/github-webhooks";
        try {
            URI uri = Objects.requireNonNull(Fixtures.class.getResource(folder), "no fixture folder " + folder)
                    .toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return jsonNames(jar.getPath(folder));
                }
            }
            return jsonNames(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("listing fixtures " + folder, e);
        } catch (IOException e) {
            throw new UncheckedIOException("listing fixtures " + folder, e);
        }
    }

    private static List<String> jsonNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    public static JsonNode api(String name) {
        try {
            return JSON.readTree(bytes("github-api", name));
        } catch (IOException e) {
            throw new UncheckedIOException("parsing fixture " + name, e);
        }
    }
}
