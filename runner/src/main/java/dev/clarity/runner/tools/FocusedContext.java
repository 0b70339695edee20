package dev.clarity.runner.tools;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.workspace.TrackedFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files that matter for an item, at most {@code max} (the repository's {@code context.files}): first the tracked
 * files named by path in the title, the criteria's arguments and the parent lines, in that order; then files that
 * define an identifier the title names ({@code CartTotals}, {@code parse_config}, {@code `total`}), found by a
 * bounded grep over the workspace's HEAD ({@link TrackedFiles}, Clarity's own git access) for a definition
 * ({@code class X}, {@code def x}, {@code func x}, {@code const x =}, …) or a file named after it. Only tracked
 * regular files are ever named, so nothing outside the workspace and nothing a link points to is offered. Pure
 * apart from reading the workspace's objects.
 */
public final class FocusedContext {
    private static final Pattern PATH =
            Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,100}+(?:/[A-Za-z0-9_.\\-]{1,100}+){0,20}+");
    private static final Pattern WORD =
            Pattern.compile("`([A-Za-z_][A-Za-z0-9_]{0,63}+)`|[A-Za-z_][A-Za-z0-9_]{0,63}+");
    /** At most this many identifiers of a title are looked for. */
    private static final int MAX_IDENTIFIERS = 5;

    private FocusedContext() {}

    public static List<String> files(
            Path workspace, String title, String parentContext, List<CriterionSpec> criteria, int max) {
        if (max <= 0) {
            return List.of();
        }
        TrackedFiles tracked = TrackedFiles.at(workspace);
        Set<String> files = new LinkedHashSet<>();
        List<String> texts = new ArrayList<>();
        texts.add(title == null ? "" : title);
        for (CriterionSpec criterion : criteria) {
            texts.addAll(criterion.args());
        }
        texts.add(parentContext == null ? "" : parentContext);
        for (String text : texts) {
            Matcher m = PATH.matcher(text);
            while (m.find() && files.size() < max) {
                String path = trim(m.group());
                if ((path.contains("/") || path.contains(".")) && tracked.contains(path)) {
                    files.add(path);
                }
            }
        }
        for (String identifier : identifiers(title == null ? "" : title)) {
            if (files.size() >= max) {
                break;
            }
            Pattern definition = definition(identifier);
            for (String path : tracked.paths()) {
                if (named(path, identifier) && files.size() < max) {
                    files.add(path);
                }
            }
            if (files.size() < max) {
                files.addAll(tracked.grep(line -> definition.matcher(line).find(), max - files.size()));
            }
        }
        return List.copyOf(files).subList(0, Math.min(max, files.size()));
    }

    /**
     * Words of the title that look like code: in backticks, or with an inner capital ({@code CartTotals},
     * {@code parseConfig}) or an underscore ({@code parse_config}).
     */
    static List<String> identifiers(String title) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = WORD.matcher(title);
        while (m.find() && found.size() < MAX_IDENTIFIERS) {
            if (m.group(1) != null) {
                found.add(m.group(1));
                continue;
            }
            String word = m.group();
            boolean innerCapital = word.length() > 2
                    && !word.substring(1).equals(word.substring(1).toLowerCase(java.util.Locale.ROOT))
                    && !word.equals(word.toUpperCase(java.util.Locale.ROOT));
            boolean snake = word.length() > 2 && word.indexOf('_') > 0 && word.indexOf('_') < word.length() - 1;
            if (innerCapital || snake) {
                found.add(word);
            }
        }
        return List.copyOf(found);
    }

    private static Pattern definition(String identifier) {
        String id = Pattern.quote(identifier);
        return Pattern.compile("\\b(?:class|interface|record|enum|object|trait|struct|type|def|fn|function|module)\\s++"
                + id + "\\b|\\bfunc\\s++(?:\\([^()]{0,80}+\\)\\s*+)?" + id + "\\b|\\b(?:const|let|var|val)\\s++" + id
                + "\\s*+[=:]");
    }

    private static boolean named(String path, String identifier) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return dot > 0 && name.substring(0, dot).equals(identifier);
    }

    private static String trim(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        while (p.endsWith(".") || p.endsWith("-")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
