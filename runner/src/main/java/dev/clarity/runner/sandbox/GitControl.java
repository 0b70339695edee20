package dev.clarity.runner.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a step's workspace holds at {@code .git}, the control files (hooks, config, refs, objects, index) that
 * Clarity's own git reads after the step. Both sandboxes show a present {@code .git} read-only on top of the
 * writable workspace; a link or special file there is refused, because binding it would follow the link to wherever
 * the tool pointed it.
 */
sealed interface GitControl {
    /** The workspace has no {@code .git}: nothing to protect. */
    record Absent() implements GitControl {}

    /** A real directory (or a {@code gitdir:} file) at {@code path}, to be mounted read-only over itself. */
    record Present(Path path) implements GitControl {}

    /** Something the sandbox will not mount; {@code reason} says what, for the step's output. */
    record Refused(String reason) implements GitControl {}

    /** Looks at {@code <workspace>/.git} without following a link. */
    static GitControl of(Path workspace) {
        Path git = workspace.toAbsolutePath().normalize().resolve(".git");
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(git, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new Absent();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the attributes of " + git, e);
        }
        if (attributes.isDirectory() || attributes.isRegularFile()) {
            return new Present(git);
        }
        return new Refused(git + " is a symbolic link or a special file, not git's directory: the sandbox does not run"
                + " steps in a workspace whose control files could be anywhere (replace it with a fresh checkout)");
    }
}
