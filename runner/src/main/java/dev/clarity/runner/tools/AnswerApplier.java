package dev.clarity.runner.tools;

import dev.clarity.runner.artifacts.WorkspacePaths;
import dev.clarity.runner.workspace.WorkspaceGit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.Patch;

/**
 * Applies a model's answer (ollama) to the workspace: a unified diff, or whole files in fenced code blocks whose
 * path sits in the fence's info string or on the line before. Every path is checked first; one path outside the
 * workspace refuses the whole answer and nothing is written.
 */
public final class AnswerApplier {
    // The answer is a model's output: every pattern here runs in linear time on it. A fence is found as an opening
    // line and then the next closing line (one pattern with a lazy body rescanned the rest of the answer from each
    // unclosed opening line), and a path token is split at its first dot or slash (two greedy runs around it
    // backtracked over every dot).
    private static final Pattern FENCE_OPEN = Pattern.compile("(?m)^```([^\\n]*+)\\n");
    private static final Pattern FENCE_CLOSE = Pattern.compile("(?m)^```[ \\t]*+$");
    private static final Pattern PATH_TOKEN = Pattern.compile("[\\w-]*+[/.][\\w./-]*+");
    private static final Pattern PATH_LINE =
            Pattern.compile("^\\s*(?:#+\\s*)?(?:\\*\\*)?(?:File:\\s*)?`?([\\w./-]+)`?(?:\\*\\*)?:?\\s*$");

    private AnswerApplier() {}

    public static AnswerOutcome apply(Path workspace, String answer) {
        Optional<String> diff = unifiedDiff(answer);
        if (diff.isPresent()) {
            return applyDiff(workspace, diff.get());
        }
        Map<String, String> files = fencedFiles(answer);
        if (files.isEmpty()) {
            return new AnswerOutcome.NothingToApply();
        }
        Map<Path, String> targets = new LinkedHashMap<>();
        for (var entry : files.entrySet()) {
            Optional<Path> target = WorkspacePaths.resolve(workspace, entry.getKey());
            if (target.isEmpty()) {
                return new AnswerOutcome.Refused(entry.getKey(), "the path leaves the workspace or leads into .git");
            }
            targets.put(target.get(), entry.getValue());
        }
        try {
            for (var entry : targets.entrySet()) {
                Files.createDirectories(entry.getKey().getParent());
                Files.writeString(entry.getKey(), entry.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing files from the model's answer", e);
        }
        return new AnswerOutcome.Applied(List.copyOf(files.keySet()));
    }

    /** A fenced code block: the info string after the opening backticks, the body, where the block starts. */
    record Fence(String info, String body, int start) {}

    /**
     * The fenced blocks in order: an opening line {@code ```info}, then the body up to the next line that is only
     * {@code ```}. When an opening line has no closing line after it, no later one has either, so the scan stops.
     */
    static List<Fence> fences(String answer) {
        List<Fence> fences = new ArrayList<>();
        Matcher open = FENCE_OPEN.matcher(answer);
        Matcher close = FENCE_CLOSE.matcher(answer);
        int from = 0;
        while (from <= answer.length() && open.find(from)) {
            if (!close.find(open.end())) {
                break;
            }
            fences.add(new Fence(open.group(1), answer.substring(open.end(), close.start()), open.start()));
            from = close.end();
        }
        return fences;
    }

    static Optional<String> unifiedDiff(String answer) {
        for (Fence fence : fences(answer)) {
            if (looksLikeDiff(fence.body())) {
                return Optional.of(fence.body());
            }
        }
        if (looksLikeDiff(answer)) {
            int start = answer.indexOf("diff --git ");
            if (start < 0) {
                start = answer.indexOf("--- ");
            }
            return Optional.of(answer.substring(start));
        }
        return Optional.empty();
    }

    private static boolean looksLikeDiff(String text) {
        return Pattern.compile("(?m)^--- ").matcher(text).find()
                && Pattern.compile("(?m)^\\+\\+\\+ ").matcher(text).find()
                && Pattern.compile("(?m)^@@ ").matcher(text).find();
    }

    private static AnswerOutcome applyDiff(Path workspace, String diff) {
        String text = diff.endsWith("\n") ? diff : diff + "\n";
        Patch patch = new Patch();
        try {
            patch.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return new AnswerOutcome.Refused("", "the diff could not be read: " + e.getMessage());
        }
        List<String> files = new ArrayList<>();
        for (FileHeader header : patch.getFiles()) {
            for (String path : List.of(header.getOldPath(), header.getNewPath())) {
                if (path == null || path.equals(FileHeader.DEV_NULL)) {
                    continue;
                }
                if (WorkspacePaths.resolve(workspace, path).isEmpty()) {
                    return new AnswerOutcome.Refused(path, "the path leaves the workspace or leads into .git");
                }
            }
            files.add(header.getNewPath().equals(FileHeader.DEV_NULL) ? header.getOldPath() : header.getNewPath());
        }
        if (!patch.getErrors().isEmpty() || files.isEmpty()) {
            return new AnswerOutcome.Refused("", "the diff could not be read");
        }
        try (Git git = WorkspaceGit.open(workspace)) {
            git.apply()
                    .setPatch(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                    .call();
        } catch (GitAPIException | IOException e) {
            return new AnswerOutcome.Refused(files.get(0), "the diff does not apply: " + e.getMessage());
        }
        return new AnswerOutcome.Applied(files);
    }

    static Map<String, String> fencedFiles(String answer) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Fence fence : fences(answer)) {
            String path = pathFromInfo(fence.info());
            if (path == null) {
                path = pathFromPreviousLine(answer, fence.start());
            }
            if (path != null) {
                files.put(path, fence.body());
            }
        }
        return files;
    }

    private static String pathFromInfo(String info) {
        for (String token : info.trim().split("\\s+")) {
            String cleaned = token.replaceFirst("^(?:path|file)=", "");
            if (PATH_TOKEN.matcher(cleaned).matches() && !cleaned.isEmpty()) {
                return cleaned;
            }
        }
        return null;
    }

    private static String pathFromPreviousLine(String answer, int fenceStart) {
        int end = fenceStart; // the text before the fence without trailing blanks, read in place (not copied per fence)
        while (end > 0 && Character.isWhitespace(answer.charAt(end - 1))) {
            end--;
        }
        int lineStart = answer.lastIndexOf('\n', end - 1) + 1;
        Matcher m = PATH_LINE.matcher(answer.substring(lineStart, end));
        return m.matches() && PATH_TOKEN.matcher(m.group(1)).matches() ? m.group(1) : null;
    }
}
