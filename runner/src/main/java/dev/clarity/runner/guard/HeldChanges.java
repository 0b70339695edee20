package dev.clarity.runner.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.artifacts.ConfinedFiles;
import dev.clarity.runner.artifacts.WorkspacePaths;
import dev.clarity.runner.redaction.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.util.FileUtils;

/**
 * A tool's change to protected files, taken out of the workspace and kept under {@code <root>/<workspace>/<item>/}
 * (outside every workspace) until a person approves it: {@link #hold} keeps the tool's version and puts the
 * snapshot's back; {@link #release} puts the kept version back. One kept change per item: a later hold replaces an
 * earlier one. Callers hold the workspace's lock.
 */
public final class HeldChanges {
    /** At most this much of a held diff travels (after redaction). */
    static final int MAX_DIFF_CHARS = 16_000;

    private final Path root;
    private final ObjectMapper json = new ObjectMapper();

    /** One kept file: its content after the tool, or none when the tool deleted it (or left no regular file). */
    record Kept(String path, boolean deleted) {}

    public HeldChanges(Path root) {
        this.root = root;
    }

    /**
     * Keeps {@code paths} as the tool left them, puts them back as {@code before} has them, and returns their diff
     * (redacted with {@code redactor}, at most {@value #MAX_DIFF_CHARS} characters).
     */
    public String hold(
            String workspaceId,
            String taskId,
            Path workspace,
            ProtectedSnapshot before,
            List<String> paths,
            Redactor redactor) {
        Path dir = directory(workspaceId, taskId);
        StringBuilder diff = new StringBuilder();
        try {
            if (Files.exists(dir)) {
                FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE);
            }
            Files.createDirectories(dir);
            List<Kept> kept = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                Optional<byte[]> after = regularFile(workspace, path);
                if (after.isPresent()) {
                    Files.write(dir.resolve(Integer.toString(i)), after.get());
                }
                kept.add(new Kept(path, after.isEmpty()));
                diff.append(diff(path, before.before(path), after));
            }
            json.writeValue(dir.resolve("kept.json").toFile(), kept);
        } catch (IOException e) {
            throw new RunnerException("keeping the tool's change to protected files of workspace " + workspaceId, e);
        }
        before.restore(paths);
        return bounded(redactor.redact(diff.toString()));
    }

    /** Writes the kept change back into the workspace and forgets it; the files put back (none when none was kept). */
    public List<String> release(String workspaceId, String taskId, Path workspace) {
        Path dir = directory(workspaceId, taskId);
        Path manifest = dir.resolve("kept.json");
        if (!Files.isRegularFile(manifest)) {
            return List.of();
        }
        try {
            Kept[] kept = json.readValue(manifest.toFile(), Kept[].class);
            List<String> files = new ArrayList<>();
            for (int i = 0; i < kept.length; i++) {
                String path = kept[i].path();
                Path file = workspace.resolve(path);
                ProtectedSnapshot.unlinkEscapes(workspace, path);
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    FileUtils.delete(file.toFile(), FileUtils.RECURSIVE);
                } else {
                    Files.deleteIfExists(file);
                }
                if (!kept[i].deleted()) {
                    ConfinedFiles.write(workspace, path, Files.readAllBytes(dir.resolve(Integer.toString(i))));
                }
                files.add(path);
            }
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE);
            return files;
        } catch (IOException e) {
            throw new RunnerException("putting back the approved change to protected files of " + workspaceId, e);
        }
    }

    private Path directory(String workspaceId, String taskId) {
        return root.resolve(workspaceId).resolve(safe(taskId));
    }

    /** An item id as a directory name: ids are {@code 1.2.3} or {@code 1.2.B}; anything else is hashed. */
    private static String safe(String taskId) {
        if (taskId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            return taskId;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(taskId.getBytes(StandardCharsets.UTF_8));
            return "item-" + HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Optional<byte[]> regularFile(Path workspace, String path) throws IOException {
        if (WorkspacePaths.resolve(workspace, path).isEmpty()) {
            return Optional.empty();
        }
        Path file = workspace.resolve(path);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(Files.readAllBytes(file))
                : Optional.empty();
    }

    /** A unified diff of one file, {@code a/} before and {@code b/} after the tool. */
    static String diff(String path, Optional<byte[]> before, Optional<byte[]> after) {
        StringBuilder out = new StringBuilder();
        out.append("--- ")
                .append(before.isPresent() ? "a/" + path : "/dev/null")
                .append('\n');
        out.append("+++ ").append(after.isPresent() ? "b/" + path : "/dev/null").append('\n');
        RawText a = new RawText(before.orElse(new byte[0]));
        RawText b = new RawText(after.orElse(new byte[0]));
        if (RawText.isBinary(before.orElse(new byte[0])) || RawText.isBinary(after.orElse(new byte[0]))) {
            return out.append("Binary file ").append(path).append(" differs\n").toString();
        }
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(bytes)) {
            formatter.format(edits, a, b);
        } catch (IOException e) {
            throw new IllegalStateException("formatting a diff in memory", e);
        }
        return out.append(bytes.toString(StandardCharsets.UTF_8)).toString();
    }

    private static String bounded(String diff) {
        return diff.length() <= MAX_DIFF_CHARS
                ? diff
                : diff.substring(0, MAX_DIFF_CHARS) + "\n… (" + (diff.length() - MAX_DIFF_CHARS)
                        + " more characters)\n";
    }
}
