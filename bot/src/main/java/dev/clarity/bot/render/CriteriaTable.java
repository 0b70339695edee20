package dev.clarity.bot.render;

import dev.clarity.bot.markdown.Markdown;
import java.util.List;

/**
 * The criteria evidence table shared by the pull request body and the check run summary. Every cell is escaped:
 * a key, a description or evidence holding {@code |}, a line break or HTML still makes exactly three cells.
 */
final class CriteriaTable {
    private CriteriaTable() {}

    static String render(List<CriterionResult> criteria) {
        return rows(criteria) + outputs(criteria);
    }

    /** The table alone, without the outputs under it. */
    static String rows(List<CriterionResult> criteria) {
        if (criteria.isEmpty()) {
            return "_This task has no acceptance criteria._";
        }
        StringBuilder t = new StringBuilder("| criterion | result | evidence |\n|---|---|---|\n");
        for (CriterionResult c : criteria) {
            String where = c.file() == null
                    ? ""
                    : " (" + Markdown.codeInCell(c.file() + (c.line() > 0 ? ":" + c.line() : "")) + ")";
            t.append("| ")
                    .append(Markdown.codeInCell(c.key()))
                    .append(" ")
                    .append(Markdown.cell(c.description()))
                    .append(" | ")
                    .append(c.verdict().label())
                    .append(" | ")
                    .append(Markdown.cell(c.evidence()))
                    .append(where)
                    .append(" |\n");
        }
        return t.toString().stripTrailing();
    }

    /** The most characters of output shown under one table (GitHub keeps at most 65,535 in a check run summary). */
    static final int MAX_OUTPUT_CHARS = 40_000;

    /**
     * Each criterion's output excerpt, folded in a {@code <details>} under the table ({@code ""} when no criterion
     * has one); once {@link #MAX_OUTPUT_CHARS} are shown, the rest are named and left to the artifacts.
     */
    static String outputs(List<CriterionResult> criteria) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (CriterionResult c : criteria) {
            if (c.output().isBlank()) {
                continue;
            }
            out.append("\n\n<details><summary>")
                    .append(Markdown.code(c.key()))
                    .append(" ")
                    .append(c.verdict().label())
                    .append(": output</summary>\n\n");
            if (shown + c.output().length() > MAX_OUTPUT_CHARS) {
                out.append("_Too long to show here: see the artifacts._");
            } else {
                out.append(Markdown.fenced(c.output()));
                shown += c.output().length();
            }
            out.append("\n\n</details>");
        }
        return out.toString();
    }
}
