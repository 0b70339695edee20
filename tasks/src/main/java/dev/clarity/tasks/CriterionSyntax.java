package dev.clarity.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes criterion lines (spec §1). {@link #parse} recognises both forms on a single line; {@link
 * #render} writes the canonical programmable form, which {@link #parse} reads back to the same values.
 * Stateless and thread-safe; never throws on any input.
 */
public final class CriterionSyntax {
    public static final Set<String> KINDS = Set.of("perf", "test", "sec", "doc", "type", "ops");
    public static final Set<String> CHECKS = Set.of("cmd", "regex", "file", "http");

    private static final java.util.regex.Pattern LABEL = java.util.regex.Pattern.compile("[\\w.#-]*");

    private CriterionSyntax() {}

    /**
     * The criterion on this line, or null when the line is not a criterion line. With {@code proseAllowed} false
     * only lines starting with {@code <criterion} count (outside a B block a bulleted {@code <…>} is ordinary
     * Markdown).
     */
    public static Criterion parse(String lineText, int line, boolean proseAllowed) {
        int i = LineSyntax.skipSpace(lineText, 0);
        int bullet = LineSyntax.skipBullet(lineText, i);
        boolean bulleted = bullet != i;
        i = bullet;
        if (i >= lineText.length() || lineText.charAt(i) != '<') {
            return null;
        }
        String body = lineText.substring(i).strip();
        boolean namedCriterion = body.regionMatches(true, 1, "criterion", 0, 9)
                && (body.length() == 10 || !Character.isLetterOrDigit(body.charAt(10)) && body.charAt(10) != '-');
        if (namedCriterion && looksProgrammable(body)) {
            return programmable(body, line);
        }
        if (!namedCriterion && !(proseAllowed && bulleted)) {
            return null;
        }
        return prose(body, line);
    }

    private static boolean looksProgrammable(String body) {
        int i = LineSyntax.skipSpace(body, 10);
        int j = i;
        while (j < body.length() && (Character.isLetter(body.charAt(j)) || body.charAt(j) == '-')) {
            j++;
        }
        return j > i && j < body.length() && body.charAt(j) == '=';
    }

    /** Parses the programmable form {@code <criterion key=".." kind=".." check=".." … />}. */
    public static Criterion parseProgrammable(String body, int line) {
        return programmable(body.strip(), line);
    }

    private static Criterion programmable(String body, int line) {
        Map<String, String> attrs = new LinkedHashMap<>();
        int i = 10;
        int n = body.length();
        while (true) {
            i = LineSyntax.skipSpace(body, i);
            if (i >= n) {
                return new Criterion.Malformed(body, "the criterion is not closed with '/>'", line);
            }
            char c = body.charAt(i);
            if (c == '/' || c == '>') {
                break;
            }
            int nameStart = i;
            while (i < n
                    && (Character.isLetterOrDigit(body.charAt(i)) || body.charAt(i) == '-' || body.charAt(i) == '_')) {
                i++;
            }
            String name = body.substring(nameStart, i).toLowerCase();
            if (name.isEmpty() || i >= n || body.charAt(i) != '=') {
                return new Criterion.Malformed(body, "expected name=\"value\" at column " + (nameStart + 1), line);
            }
            i++;
            if (i >= n || (body.charAt(i) != '"' && body.charAt(i) != '\'')) {
                return new Criterion.Malformed(body, "the value of '" + name + "' must be quoted", line);
            }
            char q = body.charAt(i);
            int close = body.indexOf(q, i + 1);
            if (close < 0) {
                return new Criterion.Malformed(body, "unbalanced quotes in the value of '" + name + "'", line);
            }
            attrs.put(name, unescape(body.substring(i + 1, close)));
            i = close + 1;
        }
        for (String required : List.of("key", "kind", "check")) {
            if (attrs.get(required) == null || attrs.get(required).isBlank()) {
                return new Criterion.Malformed(body, "the criterion has no '" + required + "'", line);
            }
        }
        String kind = attrs.get("kind");
        if (!KINDS.contains(kind)) {
            return new Criterion.Malformed(
                    body, "unknown kind \"" + kind + "\" (expected perf, test, sec, doc, type or ops)", line);
        }
        String check = attrs.get("check");
        if (!CHECKS.contains(check)) {
            return new Criterion.Malformed(
                    body, "unknown check \"" + check + "\" (expected cmd, regex, file or http)", line);
        }
        List<String> args = List.of();
        if (attrs.containsKey("args")) {
            args = ShellWords.split(attrs.get("args"));
            if (args == null) {
                return new Criterion.Malformed(body, "unbalanced quotes in args", line);
            }
        }
        return new Criterion.Programmable(
                attrs.get("key"), kind, check, attrs.get("target"), args, attrs.get("text"), line);
    }

    private static Criterion prose(String body, int line) {
        String t = body.substring(1);
        String source = null;
        int src = lastIndexOfIgnoreCase(t, "[source:");
        if (src >= 0) {
            int close = t.indexOf(']', src);
            source = (close < 0 ? t.substring(src + 8) : t.substring(src + 8, close)).strip();
            t = t.substring(0, src) + (close < 0 ? "" : t.substring(close + 1));
        }
        int gt = t.lastIndexOf('>');
        String text = (gt >= 0 ? t.substring(0, gt) : t).strip();
        if (text.regionMatches(true, 0, "criterion", 0, 9)) {
            int colon = text.indexOf(':');
            if (colon > 0 && LABEL.matcher(text.substring(9, colon).strip()).matches()) {
                text = text.substring(colon + 1).strip();
            } else if (colon < 0) {
                text = text.substring(9).strip();
            }
        }
        return new Criterion.Prose(text, source, line);
    }

    private static int lastIndexOfIgnoreCase(String s, String needle) {
        for (int i = s.length() - needle.length(); i >= 0; i--) {
            if (s.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    /** The canonical programmable line body: {@code <criterion key="…" kind="…" check="…" … />}. */
    public static String render(CriterionAttributes criterion) {
        StringBuilder b = new StringBuilder("<criterion");
        attr(b, "key", criterion.key());
        attr(b, "kind", criterion.kind());
        attr(b, "check", criterion.check());
        attr(b, "target", criterion.target());
        if (!criterion.args().isEmpty()) {
            attr(b, "args", ShellWords.join(criterion.args()));
        }
        attr(b, "text", criterion.text());
        return b.append(" />").toString();
    }

    private static void attr(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(' ').append(name).append("=\"").append(escape(value)).append('"');
        }
    }

    private static String escape(String v) {
        return v.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("\n", " ")
                .replace("\r", " ");
    }

    private static String unescape(String v) {
        if (v.indexOf('&') < 0) {
            return v;
        }
        return v.replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
