package dev.clarity.crm.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmSealerTest {
    private static final String KEY = "sk-ant-api03-abcdefghijklmnop";

    @Test
    void a_sealed_key_opens_only_with_its_secrets_key_and_its_owner_and_never_shows_in_the_sealed_text(
            @TempDir Path dir) throws Exception {
        AesGcmSealer sealer =
                AesGcmSealer.fromKeyOrFile(Optional.empty(), dir.resolve("secrets/k.key"), new SecureRandom());

        String sealed = sealer.seal(KEY, "project:7/anthropic");

        assertThat(sealed).doesNotContain(KEY).doesNotContain("abcdefgh");
        assertThat(new String(Base64.getDecoder().decode(sealed), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("abcdefgh");
        assertThat(sealer.seal(KEY, "project:7/anthropic")).isNotEqualTo(sealed); // a fresh nonce each time
        assertThat(sealer.open(sealed, "project:7/anthropic")).isEqualTo(KEY);
        assertThatThrownBy(() -> sealer.open(sealed, "project:8/anthropic"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(KEY);
        AesGcmSealer other = new AesGcmSealer(new byte[32], new SecureRandom());
        assertThatThrownBy(() -> other.open(sealed, "project:7/anthropic")).isInstanceOf(IllegalStateException.class);
        assertThat(Files.getPosixFilePermissions(dir.resolve("secrets/k.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        AesGcmSealer again =
                AesGcmSealer.fromKeyOrFile(Optional.empty(), dir.resolve("secrets/k.key"), new SecureRandom());
        assertThat(again.open(sealed, "project:7/anthropic")).isEqualTo(KEY);
    }
}
