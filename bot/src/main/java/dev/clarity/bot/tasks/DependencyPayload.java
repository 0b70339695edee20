package dev.clarity.bot.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the payload after {@code Dependencies:} (spec §2): {@code None}, {@code []}, lists with or without
 * brackets, ranges with en dash or hyphen, ids with labels, {@code Phase 2 complete}, bare phase numbers. Markdown
 * links and file paths are context and yield nothing. Never throws; what it cannot read is ignored.
 */
final class DependencyPayload {
    private static final String ID = "\\d+(?:\\.\\d+)+(?:\\.[A-Ca-c](?![\\w]))?";
    private static final Pattern RANGE = Pattern.compile("^(" + ID + ")\\s*(?:[–—-]|\\.\\.|\\bto\\b|\\bthrough\\b)\\s*(?:tasks?\\s+)?(" + ID + ")(?![\\d.]*\\d).*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TASK = Pattern.compile("^(" + ID + ")(?![\\w/]|\\.\\d).*");
    private static final Pattern PHASE = Pattern.compile("(?i)^phase\\s*(\\d{1,6})\\b.*");
    private static final Pattern BARE = Pattern.compile("^(\\d{1,6})(?![\\d.\\w/]).*");

    private static final Pattern SEPARATORS = Pattern.compile("[,;&]|\\band\\b");

    private DependencyPayload() {}

    static List<Dependency> parse(String payload, int line) {
        String text = removeLinks(payload);
        List<Dependency> out = new ArrayList<>();
        for (String piece : SEPARATORS.split(text)) {
            String p = clean(piece);
            if (p.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = RANGE.matcher(p)).matches()) {
                out.add(new Dependency.OnRange(LineSyntax.normaliseId(m.group(1)), LineSyntax.normaliseId(m.group(2)), line));
            } else if ((m = TASK.matcher(p)).matches()) {
                out.add(new Dependency.OnTask(LineSyntax.normaliseId(m.group(1)), line));
            } else if ((m = PHASE.matcher(p)).matches()) {
                out.add(new Dependency.OnPhase(Integer.parseInt(m.group(1)), line));
            } else if ((m = BARE.matcher(p)).matches()) {
                out.add(new Dependency.OnPhase(Integer.parseInt(m.group(1)), line));
            }
        }
        return out;
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
