package dev.clarity.runner.local;

import dev.clarity.runner.api.Failure;
import dev.clarity.runner.artifacts.ConfinedFiles;
import dev.clarity.runner.redaction.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of each failed check's output, for the repair prompt: the last {@link #LINES} lines (at most
 * {@link #CHARS} characters) of the log VERIFY wrote for the criterion, {@code artifacts/<taskId>/checks/<key>.log},
 * read confined to the workspace and redacted again. A failure without a log (a regex, a file check) has none.
 */
final class FailureOutput {
    static final int LINES = 40;
    static final int CHARS = 4000;

    private FailureOutput() {}

    static Map<String, String> excerpts(Path workspace, String taskId, List<Failure> failures, Redactor redactor) {
        Map<String, String> excerpts = new LinkedHashMap<>();
        for (Failure failure : failures) {
            String name = failure.criterionKey().replaceAll("[^A-Za-z0-9._-]", "_");
            String path = "artifacts/" + taskId + "/checks/" + name + ".log";
            try {
                ConfinedFiles.read(workspace, path).ifPresent(bytes -> {
                    List<String> lines =
                            new String(bytes, StandardCharsets.UTF_8).lines().toList();
                    String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - LINES), lines.size()));
                    if (tail.length() > CHARS) {
                        tail = tail.substring(tail.length() - CHARS);
                    }
                    excerpts.put(failure.criterionKey(), redactor.redact(tail));
                });
            } catch (RuntimeException e) {
                // a key that is no file name, or a log a tool replaced by something else: no excerpt
            }
        }
        return excerpts;
    }
}
