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
}
