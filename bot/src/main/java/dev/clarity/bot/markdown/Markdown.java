package dev.clarity.bot.markdown;

/**
 * Turns untrusted text into GitHub Flavored Markdown that shows the text as written and does nothing else. Untrusted
 * is everything Clarity did not write itself: task titles and goals, criterion keys, what a tool or check printed,
 * commit and branch data, words from a command. Pure, linear in the text (no regular expressions), thread-safe.
 *
 * <p>What each method guarantees, wherever its result is placed as documented:
 *
 * <ul>
 *   <li><b>No notifications.</b> A zero-width joiner (U+200D, invisible) follows every {@code @}, so
 *       {@code @org/team} and {@code @ana} are shown but mention nobody. It also follows {@code #} and {@code GH-}
 *       before a digit, so {@code #12} or {@code GH-12} neither links an issue nor, in a pull request body, closes
 *       one ({@code Fixes #12}). Emoji shortcodes ({@code :tada:}) are left alone: they only draw an emoji.
 *   <li><b>No HTML.</b> {@code <}, {@code >} and {@code &} become {@code &lt;}, {@code &gt;} and {@code &amp;}, so
 *       neither tags ({@code </details>}, {@code <img>}) nor comments ({@code <!-- clarity:progress:1 -->}) reach
 *       the page, and the raw body never holds a line that looks like one of Clarity's hidden markers.
 *   <li><b>No links or images.</b> {@code [} and {@code ]} are backslash-escaped, so {@code ![x](http://…)} and
 *       {@code [x](…)} stay text; a joiner after the {@code :} of {@code ://} and after {@code www} keeps GitHub from
 *       turning a bare address into a link (e-mail addresses are covered by the {@code @} rule).
 *   <li><b>No formatting.</b> {@code \}, {@code `}, {@code *}, {@code ~}, {@code |}, {@code $} (GitHub's math) and
 *       {@code _} (unless between two letters or digits, where it never emphasises) are backslash-escaped; in
 *       {@link #block} a line that would start a heading, list, quote, rule or code block is escaped too. Backslash
 *       escapes render as the bare character, so readers see the original text.
 *   <li><b>Tables stay whole.</b> {@link #cell} and {@link #codeInCell} keep the text on one line and escape
 *       {@code |}, so a cell is always one cell.
 * </ul>
 *
 * <p>Control characters (other than line breaks and tabs) and the bidirectional overrides that can make text read
 * differently from what it is are removed everywhere.
 */
public final class Markdown {
    /** Zero-width joiner: invisible, and no mention, issue reference or autolink pattern matches across it. */
    static final char ZWJ = '\u200D';

    /** GitHub's longest issue and pull request title, in characters. */
    public static final int TITLE_LIMIT = 256;

    private Markdown() {}

    /**
     * A phrase for the middle of a line Clarity wrote (after a list bullet, inside bold, after a heading's
     * {@code ##}, in a table cell): escaped, line breaks folded into single spaces, ends stripped.
     */
    public static String inline(String s) {
        return escape(oneLine(clean(s)));
    }

    /** {@link #inline}, cut to {@code max} characters (with "…") before escaping: for titles, which can be huge. */
    public static String inline(String s, int max) {
        return escape(shorten(oneLine(clean(s)), max));
    }

    /**
     * Paragraphs of untrusted text placed on lines of their own: each line escaped, its leading spaces dropped (four
     * would make a code block), and a first character that would start a block ({@code #}, {@code -}, {@code +},
     * {@code =}, {@code 1.}, {@code 1)}) escaped. Blank lines stay, as paragraph breaks.
     */
    public static String block(String s) {
        String text = clean(s).strip();
        StringBuilder out = new StringBuilder(text.length() + 16);
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (start > 0) {
                out.append('\n');
            }
            out.append(lineStart(escape(text.substring(start, end).strip())));
            start = end + 1;
        }
        return out.toString();
    }

    /** A table cell: {@link #inline}, or "—" when there is nothing to show. */
    public static String cell(String s) {
        String one = oneLine(clean(s));
        return one.isEmpty() ? "—" : escape(one);
    }

    /**
     * A code span showing the text exactly (mentions, HTML and Markdown are not interpreted inside code): the fence
     * is one backtick longer than the longest run of backticks in the text, so no backtick in it can close the span.
     * Line breaks become spaces. "—" when there is nothing to show. Not for table cells: see {@link #codeInCell}.
     */
    public static String code(String s) {
        return span(oneLine(clean(s)), false);
    }

    /** {@link #code} for a table cell: {@code |} is escaped, which GitHub honours even inside code in a table. */
    public static String codeInCell(String s) {
        return span(oneLine(clean(s)), true);
    }

    /**
     * Text for a place GitHub shows as plain text (a pull request title; check run titles and annotations are plain
     * too): Markdown and HTML are not interpreted there, so nothing is escaped that would show as a backslash or an
     * entity, but mentions, issue references and addresses are broken as everywhere (GitHub links {@code #12} in
     * titles, and a mention must never depend on where GitHub chooses to look for one). One line, at most
     * {@code max} characters.
     */
    public static String plain(String s, int max) {
        String text = shorten(oneLine(clean(s)), max);
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c);
            if (breaksAfter(text, i)) {
                out.append(ZWJ);
            }
        }
        return out.toString();
    }

    /**
     * A deliberate mention of the one GitHub user Clarity answers (the author of a command): {@code @login} when
     * {@code login} has the shape of a GitHub user name, so that only that person is notified; anything else
     * (a team, a name from elsewhere) is shown escaped and notifies no one.
     */
    public static String mention(String login) {
        return isLogin(login) ? "@" + login : inline("@" + login);
    }

    /**
     * A link Clarity builds to a place it knows ({@code target} is Clarity's own URL, not untrusted text): the text
     * is escaped as {@link #inline}, and characters that could end the link's destination early or split a table
     * cell are percent-encoded.
     */
    public static String link(String text, String target) {
        StringBuilder url = new StringBuilder(target.length());
        for (byte b : target.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean safe = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~:/?#@!$+,;=%".indexOf(c) >= 0;
            if (safe) {
                url.append((char) c);
            } else {
                url.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                url.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return "[" + inline(text) + "](" + url + ")";
    }

    /**
     * Untrusted text shown exactly, as a fenced code block on lines of its own (inside one, GitHub interprets no
     * Markdown, HTML or mention): the fence is one backtick longer than the longest run of backticks in the text
     * (at least three), so no line of the text can close it. Control characters are removed as everywhere.
     */
    public static String fenced(String s) {
        String text = clean(s).stripTrailing();
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "text\n" + text + "\n" + fence;
    }

    /** At most {@code max} characters (code points), the last of them "…" when the text was cut. */
    public static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        if (max < 1 || s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    // ---- the parts ----------------------------------------------------------------------------------------------

    /** Line breaks as {@code \n}, tabs as spaces, other control characters and bidirectional overrides removed. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\t') {
                out.append(' ');
            } else if (c == '\n' || !(Character.isISOControl(c) || isBidiControl(c))) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Every run of white space that holds a line break becomes one space; the ends are stripped. */
    static String oneLine(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            boolean lineBreak = false;
            while (end < s.length() && Character.isWhitespace(s.charAt(end))) {
                lineBreak |= s.charAt(end) == '\n';
                end++;
            }
            if (lineBreak) {
                out.append(' ');
            } else {
                out.append(s, i, end);
            }
            i = end;
        }
        return out.toString().strip();
    }

    /** The inline escaping of one line (no line breaks in {@code s}). */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '[', ']', '~', '|', '$' -> out.append('\\').append(c);
                case '_' -> {
                    if (!(i > 0 && i + 1 < s.length() && isAlnum(s.charAt(i - 1)) && isAlnum(s.charAt(i + 1)))) {
                        out.append('\\');
                    }
                    out.append(c);
                }
                default -> out.append(c);
            }
            if (breaksAfter(s, i)) {
                out.append(ZWJ);
            }
        }
        return out.toString();
    }

    /**
     * True after an {@code @}; after {@code #} or {@code GH-} that a digit follows; after the {@code :} of
     * {@code ://} and the {@code www} of {@code www.}.
     */
    private static boolean breaksAfter(String s, int i) {
        char c = s.charAt(i);
        if (c == '@') {
            return true;
        }
        if (c == ':') {
            return s.startsWith("//", i + 1);
        }
        if ((c == 'w' || c == 'W') && i >= 2 && i + 1 < s.length() && s.charAt(i + 1) == '.') {
            return s.regionMatches(true, i - 2, "www", 0, 3);
        }
        boolean digitNext = i + 1 < s.length() && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '9';
        if (c == '#') {
            return digitNext;
        }
        return c == '-' && digitNext && i >= 2 && s.regionMatches(true, i - 2, "gh", 0, 2);
    }

    /** Escapes the first character of an escaped line when it would start a block there. */
    private static String lineStart(String line) {
        if (line.isEmpty()) {
            return line;
        }
        char first = line.charAt(0);
        if (first == '#' || first == '-' || first == '+' || first == '=') {
            return "\\" + line;
        }
        int digits = 0;
        while (digits < line.length() && line.charAt(digits) >= '0' && line.charAt(digits) <= '9') {
            digits++;
        }
        if (digits > 0 && digits < line.length() && (line.charAt(digits) == '.' || line.charAt(digits) == ')')) {
            return line.substring(0, digits) + "\\" + line.substring(digits);
        }
        return line;
    }

    private static String span(String s, boolean inCell) {
        if (s.isEmpty()) {
            return "—";
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = s.charAt(0) == '`'
                || s.charAt(s.length() - 1) == '`'
                || (s.charAt(0) == ' ' && s.charAt(s.length() - 1) == ' ' && !s.isBlank());
        String body = inCell ? s.replace("|", "\\|") : s;
        return pad ? fence + " " + body + " " + fence : fence + body + fence;
    }

    private static boolean isAlnum(char c) {
        return Character.isLetterOrDigit(c);
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F';
    }

    private static boolean isLogin(String login) {
        if (login == null || login.isEmpty() || login.length() > 39) {
            return false;
        }
        for (int i = 0; i < login.length(); i++) {
            char c = login.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                return false;
            }
        }
        return login.charAt(0) != '-';
    }
}
