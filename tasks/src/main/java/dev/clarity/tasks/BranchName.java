package dev.clarity.tasks;

import java.text.Normalizer;
import java.util.Locale;

/** The branch an item is implemented on: {@code task/<id>-<kebab-title>}, ASCII, kebab at most 50 characters. */
public final class BranchName {
    public static final int MAX_KEBAB = 50;

    private BranchName() {}

    public static String of(String id, String title) {
        String kebab = kebab(title);
        return kebab.isEmpty() ? "task/" + id : "task/" + id + "-" + kebab;
    }

    /** Lower-case ASCII words joined by {@code -}; accents are dropped, everything else separates words. */
    public static String kebab(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        boolean dash = false;
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (dash && !out.isEmpty()) {
                    out.append('-');
                }
                out.append(c);
                dash = false;
            } else if (Character.getType(c) != Character.NON_SPACING_MARK && c != '\'' && c != '’') {
                dash = true;
            }
        }
        if (out.length() > MAX_KEBAB) {
            int cut = out.lastIndexOf("-", MAX_KEBAB);
            out.setLength(cut >= MAX_KEBAB / 2 ? cut : MAX_KEBAB);
        }
        while (!out.isEmpty() && out.charAt(out.length() - 1) == '-') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }
}
