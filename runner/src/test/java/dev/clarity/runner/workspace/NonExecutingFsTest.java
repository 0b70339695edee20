package dev.clarity.runner.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second wall on its own: a repository whose config still names a filter and whose hooks are in place (as if
 * {@link OwnedGitConfig} had not run) starts no program when opened with {@link NonExecutingFs}.
 */
class NonExecutingFsTest {
    @TempDir
    Path temp;

    @BeforeAll
    static void isolate() {
        IsolatedGitConfig.install();
    }

    private Git hostile(Path marker) throws Exception {
        Path dir = temp.resolve("repo");
        Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call().close();
        Path hook = dir.resolve(".git/hooks/pre-commit");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\necho ran >> '" + marker + "'\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                dir.resolve(".git/config"),
                "[filter \"x\"]\n\tclean = \"touch '" + marker + "'\"\n",
                java.nio.file.StandardOpenOption.APPEND);
        return new Git(
                new FileRepositoryBuilder()
                        .setFS(NonExecutingFs.INSTANCE)
                        .setGitDir(dir.resolve(".git").toFile())
                        .setWorkTree(dir.toFile())
                        .setMustExist(true)
                        .build(),
                true);
    }

    @Test
    void no_hook_is_found_or_run() throws Exception {
        Path marker = temp.resolve("marker");
        try (Git git = hostile(marker)) {
            Path dir = git.getRepository().getWorkTree().toPath();
            Files.writeString(dir.resolve("a.txt"), "a\n");
            git.add().addFilepattern(".").call();
            PersonIdent me = new PersonIdent("Clarity", "clarity@example.com");
            git.commit()
                    .setMessage("m")
                    .setAuthor(me)
                    .setCommitter(me)
                    .setSign(false)
                    .call();
            assertThat(NonExecutingFs.INSTANCE.findHook(git.getRepository(), "pre-commit"))
                    .isNull();
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    void a_filter_that_is_still_configured_is_refused_not_run() throws Exception {
        Path marker = temp.resolve("marker");
        try (Git git = hostile(marker)) {
            Path dir = git.getRepository().getWorkTree().toPath();
            Files.writeString(dir.resolve(".gitattributes"), "*.x filter=x\n");
            Files.writeString(dir.resolve("a.x"), "a\n");
            assertThatThrownBy(() -> git.add().addFilepattern(".").call())
                    .isInstanceOf(JGitInternalException.class)
                    .hasMessageContaining("Clarity's git runs no program a repository names");
        }
        assertThat(marker).doesNotExist();
        assertThatThrownBy(() -> NonExecutingFs.INSTANCE.runInShell("true", new String[0]))
                .isInstanceOf(JGitInternalException.class);
        assertThatThrownBy(() -> NonExecutingFs.INSTANCE.execute(new ProcessBuilder("true"), null))
                .isInstanceOf(JGitInternalException.class);
    }
}
