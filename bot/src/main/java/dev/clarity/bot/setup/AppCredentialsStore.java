package dev.clarity.bot.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a new App's credentials under {@code <data dir>/github-app/}: {@code app-id}, {@code private-key.pem}
 * and {@code webhook-secret} (both mode 0600, created with that mode, never widened), and {@code github.env} that a
 * shell can source to start {@code serve} with them. The values in {@code github.env} are single-quoted
 * ({@link ShellQuoting}): the webhook secret comes from GitHub's answer, and sourcing the file must run nothing
 * that a secret might hold.
 */
public final class AppCredentialsStore {
    private final Path dir;

    public AppCredentialsStore(Path dataDir) {
        this.dir = dataDir.resolve("github-app");
    }

    public Path directory() {
        return dir;
    }

    public Path keyFile() {
        return dir.resolve("private-key.pem");
    }

    /** Writes all four files; a value a shell variable cannot hold (a NUL) is refused before anything is written. */
    public void store(long appId, String pem, String webhookSecret) {
        String env = "GITHUB_APP_ID=" + ShellQuoting.quote(Long.toString(appId)) + "\nGITHUB_PRIVATE_KEY_PATH="
                + ShellQuoting.quote(keyFile().toString()) + "\nGITHUB_WEBHOOK_SECRET="
                + ShellQuoting.quote(webhookSecret) + "\n";
        try {
            Files.createDirectories(dir);
            trySetMode(dir, "rwx------");
            writeSecret(dir.resolve("app-id"), Long.toString(appId) + "\n");
            writeSecret(keyFile(), pem);
            writeSecret(dir.resolve("webhook-secret"), webhookSecret);
            writeSecret(dir.resolve("github.env"), env);
        } catch (IOException e) {
            throw new UncheckedIOException("storing the GitHub App credentials under " + dir, e);
        }
    }

    private static void writeSecret(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void trySetMode(Path path, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }
}
