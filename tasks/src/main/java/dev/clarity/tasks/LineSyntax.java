package dev.clarity.tasks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the shapes of single lines (spec §1) by scanning characters, so that the common case (a line that is
 * not a task line) costs a few comparisons. Stateless and thread-safe.
 */
final class LineSyntax {
    static final String DONE = "✅";

    // Every regular expression here sees task-list text and runs in linear time without deep recursion: the id loop
    // is possessive (a greedy group loop recurses once per ".N" and overflowed the stack on a long id), and adjacent
    // blank runs are possessive (a greedy pair rescanned a long run of blanks: 40,000 blanks took 40 s).
    private static final Pattern CHECK_TITLE = Pattern.compile(
            "(?i)^\\W*(validate\\s+outputs?|verify\\s+correctness|document\\s+results?)\\s+of\\s+task\\s+(\\d++(?:\\.\\d++)++)");
    private static final Pattern COMPLETED = Pattern.compile("(?i)^phase\\s+(\\d+)\\s+completed?\\W*$");
    private static final Pattern STATUS_COMPLETE = Pattern.compile(
            "(?i)^(?:[-*+•]\\s*+)?(?:\\*\\*)?status:?(?:\\*\\*)?:?\\s*+(?:\\*\\*)?+\\s*+(?:complete|completed|done)\\b.*");

    private LineSyntax() {}

    /** A task line: its id, what follows the id, and the marks found before the id. */
    record TaskLine(String id, String rest, boolean checked, boolean leadingDone) {}

    /** A phase line: its number and what follows the separator. */
    record PhaseLine(int number, String rest) {}

    /** Where a dependency payload sits in a text: the payload and the span to cut from the title. */
    record DepsSpan(String payload, int cutFrom, int cutTo) {}

    static TaskLine taskLine(String s) {
        int n = s.length();
        int i = skipSpace(s, 0);
        boolean checked = false;
        boolean leadingDone = false;
        i = skipBullet(s, i);
        if (i + 2 < n && s.charAt(i) == '[' && s.charAt(i + 2) == ']') {
            char c = s.charAt(i + 1);
            if (c == ' ' || c == 'x' || c == 'X') {
                checked = c != ' ';
                i = skipSpace(s, i + 3);
            }
        }
        if (s.startsWith(DONE, i)) {
            leadingDone = true;
            i = skipSpace(s, i + DONE.length());
        }
        int hashes = 0;
        while (i < n && s.charAt(i) == '#' && hashes < 7) {
            i++;
            hashes++;
        }
        if (hashes > 0) {
            if (hashes > 6 || i >= n || !isSpace(s.charAt(i))) {
                return null;
            }
            i = skipSpace(s, i);
        }
        if (s.startsWith("**", i)) {
            i = skipSpace(s, i + 2);
        }
        int idStart = i;
        int parts = 0;
        while (true) {
            int d = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == d) {
                break;
            }
            parts++;
            if (i + 1 < n && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
                i++;
                continue;
            }
            break;
        }
        if (parts < 2) {
            return null;
        }
        if (i + 1 < n
                && s.charAt(i) == '.'
                && isCheckLetter(s.charAt(i + 1))
                && (i + 2 == n || !isWordChar(s.charAt(i + 2)))) {
            i += 2;
        }
        String id = normaliseId(s.substring(idStart, i));
        if (s.startsWith("**", i)) {
            i += 2;
        }
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ':')) {
            i++;
        }
        if (s.startsWith("**", i)) {
            i += 2;
        }
        if (i < n && !isSpace(s.charAt(i))) {
            return null;
        }
        return new TaskLine(id, s.substring(i).strip(), checked, leadingDone);
    }

    static PhaseLine phaseLine(String s) {
        int n = s.length();
        int i = skipSpace(s, 0);
        i = skipBullet(s, i);
        while (i < n && s.charAt(i) == '#') {
            i++;
        }
        i = skipSpace(s, i);
        if (s.startsWith("**", i)) {
            i += 2;
        }
        if (!s.regionMatches(true, i, "phase", 0, 5)) {
            return null;
        }
        i += 5;
        int afterWord = i;
        i = skipSpace(s, i);
        if (i == afterWord) {
            return null;
        }
        int d = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == d || i - d > 6) {
            return null;
        }
        int number = Integer.parseInt(s, d, i, 10);
        if (s.startsWith("**", i)) {
            i += 2;
        }
        i = skipSpace(s, i);
        if (i >= n) {
            return null;
        }
        char sep = s.charAt(i);
        if (sep != '—' && sep != '–' && sep != '-' && sep != ':') {
            return null;
        }
        i++;
        if (s.startsWith("**", i)) {
            i += 2;
        }
        return new PhaseLine(number, s.substring(i).strip());
    }

    /** The phase number of a {@code PHASE N COMPLETED} line, or -1. */
    static int completedPhase(String s) {
        if (!containsIgnoreCase(s, "phase")) {
            return -1;
        }
        String t = stripDecoration(s);
        if (t.length() < 15 || !t.regionMatches(true, 0, "phase", 0, 5)) {
            return -1;
        }
        Matcher m = COMPLETED.matcher(t);
        if (!m.matches() || m.group(1).length() > 6) {
            return -1;
        }
        return Integer.parseInt(m.group(1));
    }

    static boolean isStatusComplete(String s) {
        if (s.indexOf(':') < 0 || !containsIgnoreCase(s, "status")) {
            return false;
        }
        String t = s.strip();
        if (t.isEmpty() || t.indexOf(':') < 0) {
            return false;
        }
        return STATUS_COMPLETE.matcher(t).matches();
    }

    /** A check line recognised by its title: which check, and of which task. */
    record CheckRef(ItemKind kind, String of) {}

    /** The check kind and X for a title like "Validate outputs of Task 1.1", or null. */
    static CheckRef checkByTitle(String title) {
        if (title.length() < 10) {
            return null;
        }
        char c = Character.toLowerCase(title.charAt(0));
        if (c != 'v' && c != 'd' && c != '*' && c != '_' && c != '[') {
            return null;
        }
        Matcher m = CHECK_TITLE.matcher(title);
        if (!m.find()) {
            return null;
        }
        String verb = m.group(1).toLowerCase();
        ItemKind kind = verb.startsWith("validate")
                ? ItemKind.CHECK_A
                : verb.startsWith("verify") ? ItemKind.CHECK_B : ItemKind.CHECK_C;
        return new CheckRef(kind, m.group(2));
    }

    private static final String[] DEPS_KEYS = {"dependencies", "dependency", "depends on", "deps"};

    /** Finds {@code (Dependencies: …)}, {@code Dependencies: …}, {@code deps: …} or {@code Depends on: …}. */
    static DepsSpan depsSpan(String text) {
        int n = text.length();
        if (text.indexOf(':') < 0) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if ((c != 'd' && c != 'D') || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
                continue;
            }
            for (String key : DEPS_KEYS) {
                int end = keywordEnd(text, i, key);
                if (end < 0) {
                    continue;
                }
                int j = skipEmphasis(text, end);
                j = skipSpace(text, j);
                if (j >= n || text.charAt(j) != ':') {
                    continue;
                }
                int payloadStart = skipEmphasis(text, j + 1);
                int k = i;
                k = skipEmphasisBack(text, k);
                while (k > 0 && isSpace(text.charAt(k - 1))) {
                    k--;
                }
                if (k > 0 && text.charAt(k - 1) == '(') {
                    return parenthesised(text, k - 1, payloadStart);
                }
                return toEnd(text, i, payloadStart);
            }
        }
        return null;
    }

    private static int keywordEnd(String text, int i, String key) {
        if (key.indexOf(' ') < 0) {
            int end = i + key.length();
            boolean ok = text.regionMatches(true, i, key, 0, key.length())
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
            return ok ? end : -1;
        }
        if (!text.regionMatches(true, i, "depends", 0, 7)) {
            return -1;
        }
        int j = skipSpace(text, i + 7);
        if (j == i + 7 || !text.regionMatches(true, j, "on", 0, 2)) {
            return -1;
        }
        return j + 2;
    }

    private static int skipEmphasis(String text, int i) {
        return text.startsWith("**", i) || text.startsWith("__", i) ? i + 2 : i;
    }

    private static int skipEmphasisBack(String text, int i) {
        return i >= 2 && (text.startsWith("**", i - 2) || text.startsWith("__", i - 2)) ? i - 2 : i;
    }

    private static DepsSpan parenthesised(String text, int open, int payloadStart) {
        int depth = 1;
        int i = payloadStart;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    break;
                }
            }
        }
        int end = Math.min(i, text.length());
        return new DepsSpan(text.substring(payloadStart, end), open, Math.min(end + 1, text.length()));
    }

    private static DepsSpan toEnd(String text, int keyStart, int payloadStart) {
        int end = text.indexOf(DONE, payloadStart);
        if (end < 0) {
            end = text.length();
        }
        int cutFrom = skipEmphasisBack(text, keyStart);
        // "Title — Dependencies: …" and "Title | deps: …": the separator belongs to the dependency part
        int k = cutFrom;
        while (k > 0 && isSpace(text.charAt(k - 1))) {
            k--;
        }
        if (k > 0 && "—–-|;,".indexOf(text.charAt(k - 1)) >= 0) {
            cutFrom = k - 1;
        }
        return new DepsSpan(text.substring(payloadStart, end), cutFrom, end);
    }

    /** Title: the text after the id without dependencies, done mark, evidence links and bold marks. */
    static String title(String rest, DepsSpan deps) {
        String t = rest;
        if (deps != null) {
            t = t.substring(0, deps.cutFrom()) + t.substring(deps.cutTo());
        }
        int done = t.indexOf(DONE);
        if (done >= 0) {
            t = t.substring(0, done);
        }
        t = t.strip();
        if (t.startsWith("**")) {
            t = t.substring(2).strip();
        }
        if (t.endsWith("**")) {
            t = t.substring(0, t.length() - 2).strip();
        }
        while (t.endsWith("—") || t.endsWith("–") || t.endsWith(" -") || t.endsWith("|")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    static String normaliseId(String raw) {
        int dot = raw.lastIndexOf('.');
        if (dot >= 0 && dot + 1 < raw.length() && Character.isLetter(raw.charAt(dot + 1))) {
            return raw.substring(0, dot + 1) + Character.toUpperCase(raw.charAt(dot + 1));
        }
        return raw;
    }

    /** Removes leading indentation, a bullet, heading marks, bold marks and HTML-comment brackets. */
    static String stripDecoration(String s) {
        int i = skipSpace(s, 0);
        i = skipBullet(s, i);
        while (i < s.length() && (s.charAt(i) == '#' || s.charAt(i) == '*' || s.charAt(i) == '_')) {
            i++;
        }
        String t = s.substring(i).strip();
        while (t.endsWith("*") || t.endsWith("_")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        if (t.endsWith(DONE)) {
            t = t.substring(0, t.length() - DONE.length()).strip();
        }
        return t;
    }

    static boolean containsIgnoreCase(String s, String lowerNeedle) {
        char first = lowerNeedle.charAt(0);
        char upper = Character.toUpperCase(first);
        int last = s.length() - lowerNeedle.length();
        for (int i = 0; i <= last; i++) {
            char c = s.charAt(i);
            if ((c == first || c == upper) && s.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
                return true;
            }
        }
        return false;
    }

    static int skipBullet(String s, int i) {
        int n = s.length();
        if (i < n) {
            char c = s.charAt(i);
            if ((c == '-' || c == '*' || c == '+') && i + 1 < n && isSpace(s.charAt(i + 1))) {
                return skipSpace(s, i + 1);
            }
            if (c == '•') {
                return skipSpace(s, i + 1);
            }
        }
        return i;
    }

    static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u00A0' || c == '\r' || c == '\f';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isCheckLetter(char c) {
        return c == 'A' || c == 'B' || c == 'C' || c == 'a' || c == 'b' || c == 'c';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
