package dev.clarity.tasks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Markdown link appended after {@code ✅}: {@code [artifacts](artifacts/1.1.3/)}, {@code [PR #42](…)}. */
public record EvidenceLink(String label, String url) {
    /** DOTALL: the tail runs to the end, so no {@code /pull/} rescans the rest of a line that {@code $} refuses. */
    private static final Pattern PULL = Pattern.compile("/pull/(\\d++)(?:[/?#].*)?$", Pattern.DOTALL);

    /** A link labelled from its URL: {@code PR #N} for a pull request, {@code artifacts} for anything else. */
    public static EvidenceLink of(String url) {
        Matcher m = PULL.matcher(url);
        return new EvidenceLink(m.find() ? "PR #" + m.group(1) : "artifacts", url);
    }

    /** The Markdown form; brackets in the label and blanks or parentheses in the URL are escaped. */
    public String markdown() {
        String l = label.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
        String u = url.strip()
                .replace(" ", "%20")
                .replace("(", "%28")
                .replace(")", "%29")
                .replace("\t", "%09")
                .replace("\n", "")
                .replace("\r", "");
        return "[" + l + "](" + u + ")";
    }
}
