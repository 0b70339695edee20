package dev.clarity.runner.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links in a repository lead neither into {@code .git} nor out of the workspace. */
class ConfinedFilesTest {
    private static final byte[] HOOK = "#!/bin/sh\necho owned\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    private Path workspace;
    private Path other;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(temp.resolve("ex-1"));
        Files.createDirectories(workspace.resolve(".git/hooks"));
        Files.writeString(workspace.resolve(".git/config"), "[core]\n");
        other = Files.createDirectories(temp.resolve("ex-2"));
        Files.writeString(other.resolve("tasks_list.md"), "another execution's list\n");
    }

    @Test
    void a_link_to_git_is_refused_for_reading_and_writing() throws Exception {
        Files.createSymbolicLink(workspace.resolve("g"), Path.of(".git"));

        assertThatThrownBy(() -> ConfinedFiles.read(workspace, "g/config"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leads into .git")
                .hasMessageContaining("g/config");
        assertThatThrownBy(() -> ConfinedFiles.write(workspace, "g/hooks/pre-commit", HOOK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("g/hooks/pre-commit");
        assertThat(workspace.resolve(".git/hooks/pre-commit")).doesNotExist();
        assertThat(WorkspacePaths.resolve(workspace, "g/config")).isEmpty();
        assertThat(WorkspacePaths.resolve(workspace, "g")).isEmpty();
    }

    @Test
    void a_linked_parent_directory_inside_git_is_refused() throws Exception {
        Files.createSymbolicLink(workspace.resolve("scripts"), Path.of(".git/hooks"));

        assertThatThrownBy(() -> ConfinedFiles.write(workspace, "scripts/post-commit", HOOK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scripts/post-commit");
        assertThat(workspace.resolve(".git/hooks/post-commit")).doesNotExist();
    }

    @Test
    void a_file_linked_to_git_config_is_refused() throws Exception {
        Files.createSymbolicLink(workspace.resolve("settings.ini"), workspace.resolve(".git/config"));

        assertThatThrownBy(() -> ConfinedFiles.read(workspace, "settings.ini"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfinedFiles.write(workspace, "settings.ini", HOOK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readString(workspace.resolve(".git/config"))).isEqualTo("[core]\n");
    }

    @Test
    void a_link_to_another_workspace_is_refused() throws Exception {
        Files.createSymbolicLink(workspace.resolve("x"), Path.of("../ex-2"));

        assertThatThrownBy(() -> ConfinedFiles.read(workspace, "x/tasks_list.md"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x/tasks_list.md");
        assertThatThrownBy(() -> ConfinedFiles.write(workspace, "x/tasks_list.md", HOOK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readString(other.resolve("tasks_list.md"))).isEqualTo("another execution's list\n");
    }

    @Test
    void links_that_stay_in_the_work_tree_still_work() throws Exception {
        Files.createDirectories(workspace.resolve("doc"));
        Files.writeString(workspace.resolve("doc/guide.md"), "guide\n");
        Files.createSymbolicLink(workspace.resolve("docs"), Path.of("doc"));

        assertThat(ConfinedFiles.read(workspace, "docs/guide.md")).hasValue("guide\n".getBytes(StandardCharsets.UTF_8));
        ConfinedFiles.write(workspace, "docs/new/notes.md", HOOK);
        assertThat(workspace.resolve("doc/new/notes.md")).exists();
    }
}
