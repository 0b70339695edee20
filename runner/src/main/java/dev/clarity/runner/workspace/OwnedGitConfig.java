package dev.clarity.runner.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.eclipse.jgit.lib.Config;

/**
 * A workspace's {@code .git/config}, as Clarity writes it before every use of the repository, whatever the file held
 * (a tool may have written it, or a workspace may predate this rule). Only the keys Clarity owns are there: the
 * repository format, {@code core.filemode}, {@code core.bare = false}, {@code core.logallrefupdates}, and
 * {@code remote.origin} (URL and fetch refspec) when the caller names the origin. Everything else a repository's
 * config can say is gone before JGit reads it: {@code core.hooksPath}, {@code core.worktree},
 * {@code core.attributesFile}, {@code core.sshCommand}, {@code core.autocrlf}, {@code filter.*}, {@code merge.*},
 * {@code diff.*}, {@code include.*} and {@code includeIf.*}, {@code url.*.insteadOf}, {@code http.*},
 * {@code credential.*}, {@code gpg.*}, a second remote or one named like a URL. The user's and the machine's config
 * are never read ({@link IsolatedGitConfig}).
 *
 * <p>The file is replaced through a temporary file and an atomic rename, so a symbolic link planted at
 * {@code .git/config} is replaced, never written through; an unchanged file is left alone. Calls for one workspace
 * do not run concurrently (the runner holds one step per workspace).
 */
final class OwnedGitConfig {
    static final String ORIGIN_FETCH = "+refs/heads/*:refs/remotes/origin/*";

    private OwnedGitConfig() {}

    /** Writes Clarity's config into {@code gitDir}; {@code originUrl} null leaves the origin out. */
    static void write(Path gitDir, String originUrl) throws IOException {
        byte[] wanted = text(originUrl).getBytes(StandardCharsets.UTF_8);
        Path file = gitDir.resolve("config");
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(file), wanted)) {
            return;
        }
        Path tmp = Files.createTempFile(gitDir, "config-", ".clarity");
        try {
            Files.write(tmp, wanted);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String text(String originUrl) {
        Config config = new Config();
        config.setInt("core", null, "repositoryformatversion", 0);
        config.setBoolean("core", null, "filemode", true);
        config.setBoolean("core", null, "bare", false);
        config.setBoolean("core", null, "logallrefupdates", true);
        if (originUrl != null) {
            config.setString("remote", "origin", "url", originUrl);
            config.setString("remote", "origin", "fetch", ORIGIN_FETCH);
        }
        return config.toText();
    }
}
