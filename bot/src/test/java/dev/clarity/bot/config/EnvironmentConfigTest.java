package dev.clarity.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.migrations.DatabaseLocation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvironmentConfigTest {
    private static final Path HOME = Path.of("/home/ana");
    private static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n";

    @Test
    void an_empty_environment_gives_embedded_defaults_and_local_mode() {
        ClarityConfig c = EnvironmentConfig.load(Map.of(), HOME);
        assertThat(c.database()).isEqualTo(new DatabaseLocation.Embedded(HOME.resolve(".clarity"), true));
        assertThat(c.dataDir()).isEqualTo(HOME.resolve(".clarity"));
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(c.github()).isEqualTo(new GitHubSettings.Absent(URI.create("https://api.github.com")));
        assertThat(c.runner().remoteUrls()).isEmpty();
        assertThat(c.runner().port()).isEqualTo(9001);
        assertThat(c.sandbox()).isEqualTo(SandboxChoice.AUTO);
        assertThat(c.maxParallel()).isEqualTo(5);
        assertThat(c.publicUrl()).isEmpty();
        assertThat(c.dockerHost()).isEmpty();
        assertThat(c.metricsToken()).isEmpty();
    }

    @Test
    void a_full_environment_is_read_into_the_record_tree(@TempDir Path dir) throws IOException {
        Path key = Files.writeString(dir.resolve("app.pem"), PEM);
        Map<String, String> env = new HashMap<>();
        env.put("CLARITY_DATABASE_URL", "postgresql://clarity:s%40cret@db.internal:5433/clarity?sslmode=require");
        env.put("CLARITY_DATA_DIR", dir.toString());
        env.put("CLARITY_PORT", "9090");
        env.put("CLARITY_LOG_FORMAT", "JSON");
        env.put("GITHUB_APP_ID", "123456");
        env.put("GITHUB_PRIVATE_KEY_PATH", key.toString());
        env.put("GITHUB_WEBHOOK_SECRET", "It's a Secret to Everybody");
        env.put("GITHUB_API_URL", "https://ghe.example.com/api/v3");
        env.put("CLARITY_PUBLIC_URL", "https://clarity.example.com");
        env.put("CLARITY_RUNNER_URLS", "http://r1:9001, http://r2:9001");
        env.put("CLARITY_RUNNER_TOKEN", "0123456789abcdef0123");
        env.put("CLARITY_RUNNER_PORT", "9100");
        env.put("CLARITY_SANDBOX", "process");
        env.put("DOCKER_HOST", "unix:///run/clarity-podman.sock");
        env.put("CLARITY_MAX_PARALLEL", "20");
        env.put("CLARITY_METRICS_TOKEN", "metrics-0123456789abcdef");

        ClarityConfig c = EnvironmentConfig.load(env, HOME);

        assertThat(c.database())
                .isEqualTo(new DatabaseLocation.External(
                        "jdbc:postgresql://db.internal:5433/clarity?sslmode=require", "clarity", "s@cret"));
        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(c.github())
                .isEqualTo(new GitHubSettings.Complete(
                        URI.create("https://ghe.example.com/api/v3"), 123456, PEM, "It's a Secret to Everybody"));
        assertThat(c.github().toString()).doesNotContain("Secret to Everybody").doesNotContain("MIIB");
        assertThat(c.publicUrl()).contains(URI.create("https://clarity.example.com"));
        assertThat(c.runner().remoteUrls()).containsExactly(URI.create("http://r1:9001"), URI.create("http://r2:9001"));
        assertThat(c.runner().toString()).doesNotContain("0123456789abcdef0123");
        assertThat(c.runner().port()).isEqualTo(9100);
        assertThat(c.sandbox()).isEqualTo(SandboxChoice.PROCESS);
        assertThat(c.dockerHost()).contains("unix:///run/clarity-podman.sock");
        assertThat(c.maxParallel()).isEqualTo(20);
        assertThat(c.metricsToken()).contains("metrics-0123456789abcdef");
        assertThat(c.toString()).doesNotContain("metrics-0123456789abcdef").contains("metricsToken=(set)");
    }

    @Test
    void an_inline_key_with_escaped_newlines_is_accepted() {
        ClarityConfig c = EnvironmentConfig.load(
                Map.of(
                        "GITHUB_APP_ID", "7",
                        "GITHUB_PRIVATE_KEY", PEM.replace("\n", "\\n"),
                        "GITHUB_WEBHOOK_SECRET", "abcdefgh"),
                HOME);
        assertThat(((GitHubSettings.Complete) c.github()).privateKeyPem()).isEqualTo(PEM);
    }

    @Test
    void some_github_variables_without_the_others_are_reported_as_partial() {
        ClarityConfig c = EnvironmentConfig.load(Map.of("GITHUB_APP_ID", "7"), HOME);
        assertThat(c.github())
                .isEqualTo(new GitHubSettings.Partial(
                        URI.create("https://api.github.com"),
                        java.util.List.of("GITHUB_PRIVATE_KEY or GITHUB_PRIVATE_KEY_PATH", "GITHUB_WEBHOOK_SECRET")));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(
                        Map.of("CLARITY_PORT", "80a"),
                        "CLARITY_PORT",
                        "CLARITY_PORT must be a port number from 1 to 65535, got \"80a\" (for example CLARITY_PORT=8080)"),
                Arguments.of(
                        Map.of("CLARITY_PORT", "70000"),
                        "CLARITY_PORT",
                        "CLARITY_PORT must be a port number from 1 to 65535, got \"70000\" (for example CLARITY_PORT=8080)"),
                Arguments.of(
                        Map.of("CLARITY_RUNNER_PORT", "0"),
                        "CLARITY_RUNNER_PORT",
                        "CLARITY_RUNNER_PORT must be a port number from 1 to 65535, got \"0\" (for example"
                                + " CLARITY_RUNNER_PORT=9001)"),
                Arguments.of(
                        Map.of("CLARITY_LOG_FORMAT", "xml"),
                        "CLARITY_LOG_FORMAT",
                        "CLARITY_LOG_FORMAT must be text or json, got \"xml\" (for example CLARITY_LOG_FORMAT=json)"),
                Arguments.of(
                        Map.of("CLARITY_DATA_DIR", "relative/dir"),
                        "CLARITY_DATA_DIR",
                        "CLARITY_DATA_DIR must be an absolute path, got \"relative/dir\" (for example"
                                + " CLARITY_DATA_DIR=/var/lib/clarity)"),
                Arguments.of(
                        Map.of("CLARITY_DATABASE_URL", "mysql://root:pw@db/x"),
                        "CLARITY_DATABASE_URL",
                        "CLARITY_DATABASE_URL must be a PostgreSQL URL, got \"mysql://***@db/x\" (for example"
                                + " CLARITY_DATABASE_URL=postgresql://clarity:secret@localhost:5432/clarity)"),
                Arguments.of(
                        Map.of("CLARITY_MAX_PARALLEL", "0"),
                        "CLARITY_MAX_PARALLEL",
                        "CLARITY_MAX_PARALLEL must be a whole number from 1 to 1000, got \"0\" (for example"
                                + " CLARITY_MAX_PARALLEL=5)"),
                Arguments.of(
                        Map.of("CLARITY_SANDBOX", "vm"),
                        "CLARITY_SANDBOX",
                        "CLARITY_SANDBOX must be docker or process, got \"vm\" (for example CLARITY_SANDBOX=process)"),
                Arguments.of(
                        Map.of("DOCKER_HOST", "/run/docker.sock"),
                        "DOCKER_HOST",
                        "DOCKER_HOST must start with unix:// or tcp://, got \"/run/docker.sock\" (for example"
                                + " DOCKER_HOST=unix:///run/clarity-podman.sock)"),
                Arguments.of(
                        Map.of("CLARITY_PUBLIC_URL", "clarity.example.com"),
                        "CLARITY_PUBLIC_URL",
                        "CLARITY_PUBLIC_URL must be an http or https URL, got \"clarity.example.com\" (for example"
                                + " CLARITY_PUBLIC_URL=https://clarity.example.com)"),
                Arguments.of(
                        Map.of("GITHUB_API_URL", "ftp://x"),
                        "GITHUB_API_URL",
                        "GITHUB_API_URL must be an http or https URL, got \"ftp://x\" (for example"
                                + " GITHUB_API_URL=https://github.example.com/api/v3)"),
                Arguments.of(
                        Map.of("CLARITY_METRICS_TOKEN", "short"),
                        "CLARITY_METRICS_TOKEN",
                        "CLARITY_METRICS_TOKEN is too short (5 characters, at least 16 are needed) (for example"
                                + " CLARITY_METRICS_TOKEN=$(openssl rand -hex 32))"),
                Arguments.of(
                        Map.of("CLARITY_RUNNER_URLS", "http://r1:9001"),
                        "CLARITY_RUNNER_TOKEN",
                        "CLARITY_RUNNER_TOKEN is missing: it is required when CLARITY_RUNNER_URLS is set (for"
                                + " example CLARITY_RUNNER_TOKEN=$(openssl rand -hex 32))"),
                Arguments.of(
                        Map.of("GITHUB_APP_ID", "abc", "GITHUB_PRIVATE_KEY", PEM, "GITHUB_WEBHOOK_SECRET", "abcdefgh"),
                        "GITHUB_APP_ID",
                        "GITHUB_APP_ID must be the App's numeric id, got \"abc\" (for example GITHUB_APP_ID=123456)"),
                Arguments.of(
                        Map.of(
                                "GITHUB_APP_ID",
                                "1",
                                "GITHUB_PRIVATE_KEY",
                                "not a key",
                                "GITHUB_WEBHOOK_SECRET",
                                "abcdefgh"),
                        "GITHUB_PRIVATE_KEY",
                        "GITHUB_PRIVATE_KEY does not hold a PEM private key (no \"-----BEGIN … PRIVATE KEY-----\""
                                + " line) (for example GITHUB_PRIVATE_KEY_PATH=/etc/clarity/app.pem, the file GitHub"
                                + " let you download)"),
                Arguments.of(
                        Map.of(
                                "GITHUB_APP_ID",
                                "1",
                                "GITHUB_PRIVATE_KEY_PATH",
                                "/nonexistent/app.pem",
                                "GITHUB_WEBHOOK_SECRET",
                                "abcdefgh"),
                        "GITHUB_PRIVATE_KEY_PATH",
                        "GITHUB_PRIVATE_KEY_PATH names a file that cannot be read: \"/nonexistent/app.pem\" (for"
                                + " example GITHUB_PRIVATE_KEY_PATH=/etc/clarity/app.pem)"),
                Arguments.of(
                        Map.of("GITHUB_APP_ID", "1", "GITHUB_PRIVATE_KEY", PEM, "GITHUB_WEBHOOK_SECRET", "short"),
                        "GITHUB_WEBHOOK_SECRET",
                        "GITHUB_WEBHOOK_SECRET is too short (5 characters, at least 8 are needed) (for example"
                                + " GITHUB_WEBHOOK_SECRET=$(openssl rand -hex 20))"),
                Arguments.of(
                        Map.of("CLARITY_MODEL_PRICES", "gpt-4o=2/8,cheap"),
                        "CLARITY_MODEL_PRICES",
                        "CLARITY_MODEL_PRICES entry 'cheap' is not model=input/output (US dollars per million tokens,"
                                + " e.g. gpt-4o=2.50/10)"),
                Arguments.of(
                        Map.of("CLARITY_SECRETS_KEY", "c2hvcnQ="),
                        "CLARITY_SECRETS_KEY",
                        "CLARITY_SECRETS_KEY is not 32 bytes in base64 (for example"
                                + " CLARITY_SECRETS_KEY=$(openssl rand -base64 32))"));
    }

    @Test
    void price_overrides_and_the_secrets_key_are_read_and_the_key_is_not_printed() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        ClarityConfig c =
                EnvironmentConfig.load(Map.of("CLARITY_MODEL_PRICES", "gpt-4o=2/8", "CLARITY_SECRETS_KEY", key), HOME);

        assertThat(c.modelPrices()).contains("gpt-4o=2/8");
        assertThat(c.secretsKey()).contains(key);
        assertThat(c.toString()).contains("secretsKey=(set)").doesNotContain(key);
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void a_malformed_value_is_reported_in_one_line_naming_the_variable_and_a_good_example(
            Map<String, String> env, String variable, String message) {
        assertThatThrownBy(() -> EnvironmentConfig.load(env, HOME)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.variable()).isEqualTo(variable);
            assertThat(e.getMessage()).isEqualTo(message).doesNotContain("\n");
        });
    }

    @Test
    void the_runner_service_reads_its_token_data_directory_port_capacity_and_sandbox(@TempDir Path dir) {
        RunnerServiceSettings s = EnvironmentConfig.runnerService(
                Map.of(
                        "CLARITY_RUNNER_TOKEN", "0123456789abcdef",
                        "CLARITY_DATA_DIR", dir.toString(),
                        "CLARITY_RUNNER_PORT", "9100",
                        "CLARITY_MAX_PARALLEL", "4",
                        "CLARITY_SANDBOX", "process"),
                HOME);
        assertThat(s)
                .isEqualTo(new RunnerServiceSettings(
                        "0123456789abcdef", dir, 9100, 4, SandboxChoice.PROCESS, java.util.Optional.empty()));
        assertThat(s.toString()).doesNotContain("0123456789abcdef");
        RunnerServiceSettings defaults = EnvironmentConfig.runnerService(
                Map.of("CLARITY_RUNNER_TOKEN", "0123456789abcdef", "CLARITY_DATA_DIR", dir.toString()), HOME);
        assertThat(defaults.port()).isEqualTo(9001);
        assertThat(defaults.capacity()).isEqualTo(2);
        assertThat(defaults.sandbox()).isEqualTo(SandboxChoice.AUTO);
    }

    static Stream<Arguments> runner_service_problems() {
        String example = " (for example CLARITY_RUNNER_TOKEN=$(openssl rand -hex 32))";
        return Stream.of(
                Arguments.of(
                        Map.of("CLARITY_RUNNER_TOKEN", "x", "CLARITY_DATA_DIR", "/srv/runner"),
                        "CLARITY_RUNNER_TOKEN",
                        "CLARITY_RUNNER_TOKEN is too short (1 characters, at least 16 are needed)" + example),
                Arguments.of(
                        Map.of("CLARITY_RUNNER_TOKEN", "0123456789abcde", "CLARITY_DATA_DIR", "/srv/runner"),
                        "CLARITY_RUNNER_TOKEN",
                        "CLARITY_RUNNER_TOKEN is too short (15 characters, at least 16 are needed)" + example),
                Arguments.of(
                        Map.of("CLARITY_DATA_DIR", "/srv/runner"),
                        "CLARITY_RUNNER_TOKEN",
                        "CLARITY_RUNNER_TOKEN is missing: the runner's HTTP API needs it, the same value as the"
                                + " bot's" + example),
                Arguments.of(
                        Map.of("CLARITY_RUNNER_TOKEN", "0123456789abcdef"),
                        "CLARITY_DATA_DIR",
                        "CLARITY_DATA_DIR is missing: the runner keeps its workspaces there (for example"
                                + " CLARITY_DATA_DIR=/var/lib/clarity-runner)"),
                Arguments.of(
                        Map.of(
                                "CLARITY_RUNNER_TOKEN",
                                "0123456789abcdef",
                                "CLARITY_DATA_DIR",
                                "/srv/runner",
                                "CLARITY_RUNNER_PORT",
                                "abc"),
                        "CLARITY_RUNNER_PORT",
                        "CLARITY_RUNNER_PORT must be a port number from 1 to 65535, got \"abc\" (for example"
                                + " CLARITY_RUNNER_PORT=9001)"),
                Arguments.of(
                        Map.of(
                                "CLARITY_RUNNER_TOKEN",
                                "0123456789abcdef",
                                "CLARITY_DATA_DIR",
                                "/srv/runner",
                                "CLARITY_MAX_PARALLEL",
                                "0"),
                        "CLARITY_MAX_PARALLEL",
                        "CLARITY_MAX_PARALLEL must be a whole number from 1 to 1000, got \"0\" (for example"
                                + " CLARITY_MAX_PARALLEL=2)"));
    }

    @ParameterizedTest
    @MethodSource
    void runner_service_problems(Map<String, String> env, String variable, String message) {
        assertThatThrownBy(() -> EnvironmentConfig.runnerService(env, HOME))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.variable()).isEqualTo(variable);
                    assertThat(e.getMessage()).isEqualTo(message).doesNotContain("\n");
                });
    }

    @Test
    void the_bot_refuses_a_runner_token_shorter_than_16_characters_too() {
        assertThatThrownBy(() -> EnvironmentConfig.load(
                        Map.of("CLARITY_RUNNER_URLS", "http://r1:9001", "CLARITY_RUNNER_TOKEN", "x"), HOME))
                .hasMessage("CLARITY_RUNNER_TOKEN is too short (1 characters, at least 16 are needed) (for example"
                        + " CLARITY_RUNNER_TOKEN=$(openssl rand -hex 32))");
    }
}
