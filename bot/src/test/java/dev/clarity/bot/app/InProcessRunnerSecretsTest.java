package dev.clarity.bot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.github.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InProcessRunnerSecretsTest {
    @Test
    void provider_keys_tokens_and_passwords_of_the_environment_are_secrets_and_other_variables_are_not() {
        assertThat(InProcessRunner.environmentSecrets(Map.of(
                        "ANTHROPIC_API_KEY", "sk-ant-x",
                        "OPENAI_API_KEY", "sk-o",
                        "SMTP_PASSWORD", "mail-pw",
                        "SLACK_BOT_TOKEN", "xoxb-1",
                        "CLIENT_SECRET", "cs",
                        "PATH", "/usr/bin",
                        "HOME", "/root")))
                .containsExactlyInAnyOrder("sk-ant-x", "sk-o", "mail-pw", "xoxb-1", "cs");
    }

    private static final String WEBHOOK_SECRET = "webhook-secret-for-the-redactor";
    private static final String METRICS_TOKEN = "metrics-token-for-the-redactor";

    @Test
    void the_redactor_knows_the_app_key_the_webhook_secret_the_metrics_token_and_the_embedded_database_password(
            @TempDir Path home) throws Exception {
        Path data = home.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("postgres.password"), "embedded-database-password-0123456789\n");
        var config = EnvironmentConfig.load(
                Map.of(
                        EnvironmentConfig.DATA_DIR,
                        data.toString(),
                        EnvironmentConfig.APP_ID,
                        "4242",
                        EnvironmentConfig.PRIVATE_KEY,
                        TestKeys.pkcs8(),
                        EnvironmentConfig.WEBHOOK_SECRET,
                        WEBHOOK_SECRET,
                        EnvironmentConfig.METRICS_TOKEN,
                        METRICS_TOKEN),
                home);

        assertThat(InProcessRunner.secretsOf(config))
                .contains(WEBHOOK_SECRET, METRICS_TOKEN, "embedded-database-password-0123456789")
                .anySatisfy(s -> assertThat(s).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void the_redactor_knows_the_password_of_an_external_database(@TempDir Path home) {
        var config = EnvironmentConfig.load(
                Map.of(
                        EnvironmentConfig.DATABASE_URL,
                        "postgresql://clarity:external-db-password-42@db.example:5432/clarity",
                        EnvironmentConfig.DATA_DIR,
                        home.resolve("data").toString()),
                home);

        assertThat(InProcessRunner.secretsOf(config)).contains("external-db-password-42");
    }
}
