package dev.clarity.bot.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code github.env} is sourced by a shell as the docs say: whatever the values hold, sourcing it runs nothing. */
class AppCredentialsStoreTest {
    @TempDir
    Path tmp;

    @Test
    void sourcing_github_env_with_a_hostile_secret_runs_nothing_and_yields_the_secret_unchanged() throws Exception {
        Path marker = tmp.resolve("ran");
        String secret = "a$(touch " + marker + ")b`touch " + marker + "`c'd\"e\nf'\\''g $HOME \\n ${IFS} ; touch "
                + marker + " #\n\n";
        Path dataDir = Files.createDirectories(tmp.resolve("data dir with 'quote', `id` and $HOME"));
        AppCredentialsStore store = new AppCredentialsStore(dataDir);
        store.store(4242, "-----BEGIN RSA PRIVATE KEY-----\nk\n-----END RSA PRIVATE KEY-----\n", secret);
        Path dir = store.directory();

        for (String shell : List.of("sh", "bash")) {
            assertThat(source(shell, dir, "GITHUB_WEBHOOK_SECRET")).as(shell).isEqualTo(secret);
            assertThat(source(shell, dir, "GITHUB_APP_ID")).as(shell).isEqualTo("4242");
            assertThat(source(shell, dir, "GITHUB_PRIVATE_KEY_PATH"))
                    .as(shell)
                    .isEqualTo(store.keyFile().toString());
        }
        assertThat(marker).doesNotExist();
        assertThat(Files.readString(dir.resolve("webhook-secret"))).isEqualTo(secret);
    }

    @Test
    void a_secret_with_a_nul_is_refused_before_anything_is_written() {
        AppCredentialsStore store = new AppCredentialsStore(tmp);
        assertThatThrownBy(() -> store.store(1, "pem", "a\u0000b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.directory()).doesNotExist();
    }

    @Test
    void single_quotes_are_closed_escaped_and_reopened() {
        assertThat(ShellQuoting.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuoting.quote("")).isEqualTo("''");
    }

    /** What {@code shell} sees in {@code variable} after sourcing the file, exactly (no trailing newline trimmed). */
    private static String source(String shell, Path dir, String variable) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(shell, "-c", ". ./github.env; printf %s \"$" + variable + "\"")
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(shell + " sourcing github.env").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
