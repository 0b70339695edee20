package dev.clarity.runner.local;

import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.artifacts.ConfinedFiles;
import dev.clarity.runner.config.ConfigParse;
import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.config.RepositoryConfigParser;
import dev.clarity.runner.workspace.BaseCommits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.jgit.util.FileUtils;

/**
 * {@code .clarity.yml} as a step sees it: always the base commit's ({@link BaseCommits}), never the work tree's,
 * because it grants rights (sandbox network, engine, image and limits, the command allowlist, tool command lines,
 * checks). And the rule that keeps later bases clean: a tool attempt may not change it, since an item's work
 * becomes the next item's base under the {@code stacked} and {@code auto} merge policies. After a tool ran, a
 * {@code .clarity.yml} that differs from the base's (changed, added, deleted, replaced by a link or a directory) is
 * put back as the base has it, and the attempt fails with {@link #REFUSAL}; it is never committed.
 */
final class BaseConfig {
    static final String REFUSAL = "the tool changed " + RepositoryConfig.FILE_NAME
            + ", which only a person may change; the change was undone";

    private final BaseCommits bases;
    private final RepositoryConfigParser parser;

    BaseConfig(BaseCommits bases, RepositoryConfigParser parser) {
        this.bases = bases;
        this.parser = parser;
    }

    /** The base commit's config: the defaults when it has no {@code .clarity.yml}. */
    ConfigParse read(String workspaceId) {
        return bases.read(workspaceId, RepositoryConfig.FILE_NAME)
                .map(bytes -> parser.parse(new String(bytes, StandardCharsets.UTF_8)))
                .orElseGet(() -> new ConfigParse.Parsed(RepositoryConfig.DEFAULT));
    }

    /**
     * Puts the base's {@code .clarity.yml} back when the work tree's differs; true when it did. What is committed
     * follows the work tree: every diff and commit stages the whole tree first.
     */
    boolean undoChange(String workspaceId, Path workspace) {
        Optional<byte[]> base = bases.read(workspaceId, RepositoryConfig.FILE_NAME);
        Path file = workspace.resolve(RepositoryConfig.FILE_NAME);
        try {
            if (same(file, base)) {
                return false;
            }
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                FileUtils.delete(file.toFile(), FileUtils.RECURSIVE);
            } else {
                Files.deleteIfExists(file); // a link is removed, never followed
            }
            if (base.isPresent()) {
                ConfinedFiles.write(workspace, RepositoryConfig.FILE_NAME, base.get());
            }
            return true;
        } catch (IOException e) {
            throw new RunnerException("restoring " + RepositoryConfig.FILE_NAME + " in workspace " + workspaceId, e);
        }
    }

    private static boolean same(Path file, Optional<byte[]> base) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return base.isEmpty();
        }
        return base.isPresent()
                && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && Arrays.equals(Files.readAllBytes(file), base.get());
    }
}
