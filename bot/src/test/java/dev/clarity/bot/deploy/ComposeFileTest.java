package dev.clarity.bot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compose.yaml} (and its engine-sandbox overlay) read as YAML, checked against {@code .env.example}, and read
 * by {@code podman-compose} — whose {@code ps} parses and interpolates the whole file and creates nothing.
 */
class ComposeFileTest {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern EXAMPLE_LINE = Pattern.compile("(?m)^#? ?([A-Z][A-Z0-9_]*)=");
    private static final List<String> FILES = List.of("compose.yaml", "deploy/compose.engine-sandbox.yaml");

    private final Path root = DeployFiles.root();

    @Test
    void every_variable_the_compose_files_read_is_listed_in_the_env_example() throws IOException {
        Set<String> read = new TreeSet<>();
        for (String file : FILES) {
            Matcher m = VARIABLE.matcher(Files.readString(root.resolve(file)));
            while (m.find()) {
                read.add(m.group(1));
            }
        }
        Set<String> listed = new TreeSet<>();
        Matcher m = EXAMPLE_LINE.matcher(Files.readString(root.resolve(".env.example")));
        while (m.find()) {
            listed.add(m.group(1));
        }

        assertThat(listed).containsAll(read);
        assertThat(read).contains("POSTGRES_PASSWORD", "CLARITY_RUNNER_TOKEN", "GITHUB_PRIVATE_KEY");
    }

    @Test
    void serve_reaches_the_runner_on_9001_and_postgres_by_its_service_name() throws IOException {
        JsonNode services = new ObjectMapper(new YAMLFactory())
                .readTree(root.resolve("compose.yaml").toFile())
                .path("services");

        assertThat(services.fieldNames()).toIterable().containsExactlyInAnyOrder("postgres", "serve", "runner");
        JsonNode serve = services.path("serve").path("environment");
        assertThat(serve.path("CLARITY_RUNNER_URLS").asText()).isEqualTo("http://runner:9001");
        assertThat(serve.path("CLARITY_DATABASE_URL").asText())
                .startsWith("postgresql://clarity:")
                .contains("@postgres:5432/");
        assertThat(services.path("runner").path("command").get(0).asText()).isEqualTo("runner");
        assertThat(services.path("runner").path("ports").get(0).asText()).endsWith(":9001");
        assertThat(services.path("serve").path("command").get(0).asText()).isEqualTo("serve");
        assertThat(services.path("serve").path("deploy").path("replicas").asText())
                .isEqualTo("${CLARITY_SERVE_REPLICAS:-1}");
    }

    @Test
    void podman_compose_reads_the_files_with_the_example_env(@TempDir Path dir) throws IOException {
        Path podmanCompose = DeployFiles.tool("podman-compose", "podman-compose");
        copy(dir, ".env.example", ".env");

        DeployFiles.Result plain = DeployFiles.run(dir, Map.of(), List.of(podmanCompose.toString(), "ps"));
        DeployFiles.Result engine = DeployFiles.run(
                dir,
                Map.of("CLARITY_RUNNER_HOST_DIR", dir.resolve("runner").toString()),
                List.of(
                        podmanCompose.toString(),
                        "-f",
                        "compose.yaml",
                        "-f",
                        "deploy/compose.engine-sandbox.yaml",
                        "ps"));

        assertThat(plain.exit()).as(plain.output()).isZero();
        assertThat(engine.exit()).as(engine.output()).isZero();
    }

    @Test
    void podman_compose_refuses_an_env_without_the_database_password_and_names_it(@TempDir Path dir)
            throws IOException {
        Path podmanCompose = DeployFiles.tool("podman-compose", "podman-compose");
        copy(dir, ".env.example", ".env");
        Files.writeString(
                dir.resolve(".env"),
                Files.readString(dir.resolve(".env")).replaceAll("(?m)^POSTGRES_PASSWORD=.*$", ""));

        DeployFiles.Result r = DeployFiles.run(dir, Map.of(), List.of(podmanCompose.toString(), "ps"));

        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("set POSTGRES_PASSWORD in .env");
    }

    /** The compose files (and {@code from} as {@code to}) in {@code dir}, as a user's checkout has them. */
    private void copy(Path dir, String from, String to) throws IOException {
        Files.createDirectories(dir.resolve("deploy"));
        for (String file : FILES) {
            Files.copy(root.resolve(file), dir.resolve(file));
        }
        Files.copy(root.resolve(from), dir.resolve(to));
    }
}
