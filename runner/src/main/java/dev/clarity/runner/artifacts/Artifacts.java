package dev.clarity.runner.artifacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Writes evidence under {@code artifacts/<taskId>/} of one workspace. Callers pass text that is already redacted.
 * Returns paths relative to the workspace, as results carry them.
 */
public final class Artifacts {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path workspace;
    private final String taskId;

    public Artifacts(Path workspace, String taskId) {
        if (!SAFE.matcher(taskId).matches() || taskId.contains("..")) {
            throw new IllegalArgumentException("taskId may hold only letters, digits, '.', '_' and '-': " + taskId);
        }
        this.workspace = workspace;
        this.taskId = taskId;
    }

    /** The item these artifacts belong to. */
    public String taskId() {
        return taskId;
    }

    /** The directory, relative to the workspace. */
    public String directory() {
        return "artifacts/" + taskId + "/";
    }

    public Path absolute(String name) {
        return workspace.resolve(directory()).resolve(safe(name));
    }

    /** Writes {@code name} (a plain file name, or {@code sub/name}) and returns its workspace-relative path. */
    public String write(String name, String content) {
        Path file = absolute(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing artifact " + file, e);
        }
        return directory() + safe(name);
    }

    private static String safe(String name) {
        for (String part : name.split("/")) {
            if (!SAFE.matcher(part).matches() || part.equals("..")) {
                throw new IllegalArgumentException("artifact name " + name + " is not a plain relative name");
            }
        }
        return name;
    }
}
