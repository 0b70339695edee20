package dev.clarity.tasks;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits and joins {@code args} the way a POSIX shell splits words, without globbing, variables or command
 * substitution: blanks separate words, single quotes keep everything literally, double quotes group and honour
 * backslash before {@code " \ $ `}, a backslash outside quotes escapes the next character.
 */
final class ShellWords {
    private ShellWords() {}

    /** The words, or null when a quote is not closed or the text ends with a lone backslash. */
    static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                int close = s.indexOf('\'', i + 1);
                if (close < 0) {
                    return null;
                }
                w.append(s, i + 1, close);
                inWord = true;
                i = close;
            } else if (c == '"') {
                int j = i + 1;
                boolean closed = false;
                for (; j < n; j++) {
                    char d = s.charAt(j);
                    if (d == '\\' && j + 1 < n && "\"\\$`".indexOf(s.charAt(j + 1)) >= 0) {
                        w.append(s.charAt(++j));
                    } else if (d == '"') {
                        closed = true;
                        break;
                    } else {
                        w.append(d);
                    }
                }
                if (!closed) {
                    return null;
                }
                inWord = true;
                i = j;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    return null;
                }
                w.append(s.charAt(++i));
                inWord = true;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    /** Joins words so that {@link #split} gives them back; plain words stay unquoted. */
    static String join(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            if (!word.isEmpty()
                    && word.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || "-_./:=@%+,^<>".indexOf(ch) >= 0)) {
                out.append(word);
            } else {
                out.append('\'').append(word.replace("'", "'\\''")).append('\'');
            }
        }
        return out.toString();
    }
}
