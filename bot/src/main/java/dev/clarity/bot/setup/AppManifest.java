package dev.clarity.bot.setup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The App manifest read from {@code app-manifest.yml} (packaged into the jar from the repository root; a file of
 * that name in the working directory wins), with its URLs pointed at this server.
 */
public final class AppManifest {
    private static final String NAME = "app-manifest.yml";
    private final ObjectNode manifest;

    private AppManifest(ObjectNode manifest) {
        this.manifest = manifest;
    }

    public static AppManifest load(Path workingDirectory) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            Path local = workingDirectory.resolve(NAME);
            if (Files.isRegularFile(local)) {
                return new AppManifest((ObjectNode) yaml.readTree(local.toFile()));
            }
            try (InputStream in = AppManifest.class.getResourceAsStream("/" + NAME)) {
                if (in == null) {
                    throw new IllegalStateException(NAME + " is neither in the working directory nor in the jar");
                }
                return new AppManifest((ObjectNode) yaml.readTree(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + NAME, e);
        }
    }

    public static AppManifest of(ObjectNode manifest) {
        return new AppManifest(manifest.deepCopy());
    }

    /** The manifest as GitHub takes it (JSON), with hook, redirect and setup URLs under {@code publicUrl}. */
    public String json(URI publicUrl, ObjectMapper json) {
        String base = publicUrl.toString().replaceAll("/+$", "");
        ObjectNode m = manifest.deepCopy();
        m.withObject("/hook_attributes").put("url", base + "/webhooks/github");
        m.put("redirect_url", base + "/setup/callback");
        m.put("setup_url", base + "/setup");
        if (!m.has("url")) {
            m.put("url", base);
        }
        try {
            return json.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the App manifest as JSON", e);
        }
    }
}
