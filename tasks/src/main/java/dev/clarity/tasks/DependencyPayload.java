package dev.clarity.tasks;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the payload after {@code Dependencies:} (spec §2): {@code None}, {@code []}, lists with or without
 * brackets, ranges with en dash or hyphen, ids with labels, {@code Phase 2 complete}, bare phase numbers. Markdown
 * links and file paths are context and yield nothing. Never throws; what it cannot read is ignored.
 */
final class DependencyPayload {
    private DependencyPayload() {}

    static List<Dependency> parse(String payload, int line) {
        String text = removeLinks(payload);
        List<Dependency> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            boolean cut = i == n;
            int skip = 1;
            if (!cut) {
                char c = text.charAt(i);
                if (c == ',' || c == ';' || c == '&') {
                    cut = true;
                } else if ((c == 'a' || c == 'A')
                        && text.regionMatches(true, i, "and", 0, 3)
                        && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
                        && (i + 3 == n || !Character.isLetterOrDigit(text.charAt(i + 3)))) {
                    cut = true;
                    skip = 3;
                }
            }
            if (cut) {
                Dependency d = piece(clean(text.substring(start, i)), line);
                if (d != null) {
                    out.add(d);
                }
                start = i + skip;
                i += skip - 1;
            }
        }
        return out;
    }

    private static Dependency piece(String p, int line) {
        if (p.isEmpty()) {
            return null;
        }
        if (p.regionMatches(true, 0, "phase", 0, 5)) {
            int i = LineSyntax.skipSpace(p, 5);
            int d = i;
            while (i < p.length() && LineSyntax.isDigit(p.charAt(i)) && i - d < 7) {
                i++;
            }
            if (i == d || i - d > 6 || (i < p.length() && Character.isLetterOrDigit(p.charAt(i)))) {
                return null;
            }
            return new Dependency.OnPhase(Integer.parseInt(p, d, i, 10), line);
        }
        if (!LineSyntax.isDigit(p.charAt(0))) {
            return null;
        }
        int end = idEnd(p, 0);
        if (end < 0) {
            int i = 0;
            while (i < p.length() && LineSyntax.isDigit(p.charAt(i))) {
                i++;
            }
            boolean bare = i <= 6
                    && (i == p.length()
                            || !(Character.isLetterOrDigit(p.charAt(i))
                                    || p.charAt(i) == '.'
                                    || p.charAt(i) == '/'
                                    || p.charAt(i) == '_'));
            return bare ? new Dependency.OnPhase(Integer.parseInt(p, 0, i, 10), line) : null;
        }
        String first = LineSyntax.normaliseId(p.substring(0, end));
        int i = LineSyntax.skipSpace(p, end);
        int afterSep = -1;
        if (i < p.length() && (p.charAt(i) == '–' || p.charAt(i) == '—' || p.charAt(i) == '-')) {
            afterSep = i + 1;
        } else if (p.startsWith("..", i)) {
            afterSep = i + 2;
        } else if (p.regionMatches(true, i, "to ", 0, 3)) {
            afterSep = i + 3;
        } else if (p.regionMatches(true, i, "through ", 0, 8)) {
            afterSep = i + 8;
        }
        if (afterSep >= 0) {
            int j = LineSyntax.skipSpace(p, afterSep);
            if (p.regionMatches(true, j, "tasks ", 0, 6)) {
                j = LineSyntax.skipSpace(p, j + 6);
            } else if (p.regionMatches(true, j, "task ", 0, 5)) {
                j = LineSyntax.skipSpace(p, j + 5);
            }
            int secondEnd = idEnd(p, j);
            if (secondEnd > 0) {
                return new Dependency.OnRange(first, LineSyntax.normaliseId(p.substring(j, secondEnd)), line);
            }
        }
        if (end < p.length()
                && (Character.isLetterOrDigit(p.charAt(end)) || p.charAt(end) == '_' || p.charAt(end) == '/')) {
            return null;
        }
        return new Dependency.OnTask(first, line);
    }

    /**
     * The end of an id ({@code 1.2}, {@code 1.2.3.B}) starting at {@code from}: at least two numeric parts, an
     * optional letter part, not followed by more digits; -1 when there is none.
     */
    static int idEnd(String p, int from) {
        int n = p.length();
        int i = from;
        int parts = 0;
        while (true) {
            int d = i;
            while (i < n && LineSyntax.isDigit(p.charAt(i))) {
                i++;
            }
            if (i == d) {
                return -1;
            }
            parts++;
            if (i + 1 < n && p.charAt(i) == '.' && LineSyntax.isDigit(p.charAt(i + 1))) {
                i++;
                continue;
            }
            break;
        }
        if (parts < 2) {
            return -1;
        }
        if (i + 1 < n
                && p.charAt(i) == '.'
                && "ABCabc".indexOf(p.charAt(i + 1)) >= 0
                && (i + 2 == n || !(Character.isLetterOrDigit(p.charAt(i + 2)) || p.charAt(i + 2) == '_'))) {
            i += 2;
        }
        return i;
    }

    private static String clean(String piece) {
        String p = piece.strip();
        boolean changed = true;
        while (changed && !p.isEmpty()) {
            changed = false;
            char c = p.charAt(0);
            if (c == '[' || c == '(' || c == '`' || c == '*' || c == '_' || c == '#' || c == '"' || c == '\'') {
                p = p.substring(1).strip();
                changed = true;
            } else if (p.regionMatches(true, 0, "tasks ", 0, 6)) {
                p = p.substring(6).strip();
                changed = true;
            } else if (p.regionMatches(true, 0, "task ", 0, 5)) {
                p = p.substring(5).strip();
                changed = true;
            }
        }
        while (!p.isEmpty() && "])`*_\"'.".indexOf(p.charAt(p.length() - 1)) >= 0) {
            p = p.substring(0, p.length() - 1).strip();
        }
        return p;
    }

    /** Drops {@code [text](target)} with nested parentheses in the target, and bare URLs. */
    static String removeLinks(String s) {
        if (s.indexOf("](") < 0 && s.indexOf("://") < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '[') {
                int close = s.indexOf(']', i + 1);
                if (close > 0 && close + 1 < n && s.charAt(close + 1) == '(') {
                    int depth = 0;
                    int j = close + 1;
                    for (; j < n; j++) {
                        char d = s.charAt(j);
                        if (d == '(') {
                            depth++;
                        } else if (d == ')' && --depth == 0) {
                            break;
                        }
                    }
                    out.append(' ');
                    i = Math.min(j + 1, n);
                    continue;
                }
            }
            if (s.startsWith("://", i)) {
                int k = out.length();
                while (k > 0 && Character.isLetter(out.charAt(k - 1))) {
                    k--;
                }
                out.setLength(k);
                int j = i;
                while (j < n && !LineSyntax.isSpace(s.charAt(j)) && s.charAt(j) != ',') {
                    j++;
                }
                i = j;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
