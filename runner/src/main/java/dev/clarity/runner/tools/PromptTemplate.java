package dev.clarity.runner.tools;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the prompt every tool gets from the template {@code prompt.md} beside this class: first line
 * {@code Task <id>: <title>}, then goal, parent context, criteria, constraints, and for ERROR_SOLVE the failures,
 * logs and last diff. Pure apart from reading the template once.
 */
public final class PromptTemplate {
    private final String template;

    public PromptTemplate() {
        try (InputStream in = PromptTemplate.class.getResourceAsStream("prompt.md")) {
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the prompt template", e);
        }
    }

    public String implement(String id, String title, String context, List<CriterionSpec> criteria, List<String> hints) {
        return implement(id, title, context, criteria, hints, List.of());
    }

    /** IMPLEMENT's prompt with the focused context: {@code files} (workspace-relative) listed under their own heading. */
    public String implement(
            String id,
            String title,
            String context,
            List<CriterionSpec> criteria,
            List<String> hints,
            List<String> files) {
        return render(id, title, context, criteria, hints, files(files));
    }

    public String errorSolve(
            String id,
            String title,
            String context,
            List<CriterionSpec> criteria,
            int attempt,
            List<Failure> failures,
            String lastDiff) {
        return errorSolve(id, title, context, criteria, attempt, failures, Map.of(), lastDiff, List.of());
    }

    /**
     * ERROR_SOLVE's prompt: the item's context and criteria as IMPLEMENT had them, each failure with the end of its
     * check's output ({@code excerpts} by criterion key, already redacted), the last diff and the focused files.
     */
    public String errorSolve(
            String id,
            String title,
            String context,
            List<CriterionSpec> criteria,
            int attempt,
            List<Failure> failures,
            Map<String, String> excerpts,
            String lastDiff,
            List<String> files) {
        StringBuilder text = new StringBuilder(files(files));
        text.append("\n## Attempt ").append(attempt).append(": fix these failures\n");
        for (Failure failure : failures) {
            text.append("- ").append(failure.criterionKey()).append(": ").append(failure.summary());
            if (failure.location() != null) {
                text.append(" (").append(failure.location()).append(')');
            }
            text.append('\n');
            String excerpt = excerpts.get(failure.criterionKey());
            if (excerpt != null && !excerpt.isBlank()) {
                text.append("  Output (last lines):\n  ```text\n");
                excerpt.strip()
                        .lines()
                        .forEach(line -> text.append("  ").append(line).append('\n'));
                text.append("  ```\n");
            }
        }
        if (lastDiff != null && !lastDiff.isBlank()) {
            text.append("\n## Last diff\n```diff\n").append(lastDiff.strip()).append("\n```\n");
        }
        return render(id, title, context, criteria, List.of(), text.toString());
    }

    private String render(
            String id, String title, String context, List<CriterionSpec> criteria, List<String> hints, String tail) {
        String criteriaText = criteria.isEmpty()
                ? "- (none given)"
                : criteria.stream().map(PromptTemplate::criterion).collect(Collectors.joining("\n"));
        String hintText = hints.isEmpty()
                ? ""
                : "\n## Hints\n" + hints.stream().map(h -> "- " + h).collect(Collectors.joining("\n")) + "\n";
        return template.replace("{{id}}", id)
                .replace("{{title}}", oneLine(title))
                .replace("{{context}}", context == null || context.isBlank() ? "(none)" : context.strip())
                .replace("{{criteria}}", criteriaText)
                .replace("{{hints}}", hintText)
                .replace("{{failures}}", tail);
    }

    private static String files(List<String> files) {
        if (files.isEmpty()) {
            return "";
        }
        return "\n## Files that matter\nRead these first; they are named by the task or define what it names:\n"
                + files.stream().map(f -> "- " + f).collect(Collectors.joining("\n")) + "\n";
    }

    private static String criterion(CriterionSpec c) {
        String text = "- " + c.key() + " [" + c.kind() + "/" + c.check() + "]";
        if (c.target() != null) {
            text += " target " + c.target();
        }
        if (!c.args().isEmpty()) {
            text += " args " + String.join(" ", c.args());
        }
        if (c.text() != null) {
            text += ": " + c.text();
        }
        return text;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
