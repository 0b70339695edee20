package dev.clarity.runner.guard;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.ProtectedFiles;
import dev.clarity.runner.config.ProtectedGlobs;
import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.detect.RepositoryTree;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files of one item that a tool may not change: Clarity's own files (the task list, the outcomes file),
 * {@code .clarity.yml}, everything under {@code artifacts/} and {@code .github/workflows/}, every file of the base
 * commit that a check or a criterion names (a script, a config file passed as an argument), and the
 * {@code protect:} globs. Files a person approved for the item stay protected but count as its work. Immutable.
 */
public final class ProtectedSet {
    /** Directories protected whole. */
    public static final List<String> DIRECTORIES = List.of("artifacts", ".github/workflows");

    private final Set<String> exact;
    private final ProtectedGlobs globs;
    private final Set<String> approved;

    private ProtectedSet(Set<String> exact, ProtectedGlobs globs, Set<String> approved) {
        this.exact = exact;
        this.globs = globs;
        this.approved = approved;
    }

    /**
     * The set for an item whose base commit is {@code base}: {@code files} from the caller, the config's own rules, and
     * the arguments of {@code checks} (the standard checks and the item's criteria) that are files at the base.
     */
    public static ProtectedSet of(
            ProtectedFiles files, RepositoryConfig config, Collection<CriterionSpec> checks, RepositoryTree base) {
        Set<String> exact = new TreeSet<>();
        files.own().stream().map(ProtectedSet::normal).filter(p -> p != null).forEach(exact::add);
        exact.add(RepositoryConfig.FILE_NAME);
        List<String> words = new ArrayList<>(files.named());
        checks.forEach(c -> words.addAll(c.args()));
        for (List<List<String>> commands : List.of(
                config.checks().setup(),
                config.checks().build(),
                config.checks().test())) {
            commands.forEach(words::addAll);
        }
        config.checks().defaults().forEach(d -> words.addAll(d.args()));
        for (String word : words) {
            String path = normal(word);
            if (path != null && base.isFile(path)) {
                exact.add(path);
            }
        }
        return new ProtectedSet(
                Set.copyOf(exact),
                new ProtectedGlobs(config.protect()),
                files.approved().stream()
                        .map(ProtectedSet::normal)
                        .filter(p -> p != null)
                        .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    /**
     * True when {@code path} (relative, {@code /}-separated) is protected. A file a person approved stays protected:
     * its approved content is what a later tool run is compared against.
     */
    public boolean covers(String path) {
        if (exact.contains(path) || globs.matches(path)) {
            return true;
        }
        return DIRECTORIES.stream().anyMatch(d -> path.equals(d) || path.startsWith(d + "/"));
    }

    /** True when a change to {@code path} counts as the item's work: not protected, or approved by a person. */
    public boolean isWork(String path) {
        return approved.contains(path) || !covers(path);
    }

    /** The files named exactly (for a walk that need not visit the whole tree). */
    Set<String> exact() {
        return exact;
    }

    /** True when only named files and {@link #DIRECTORIES} are protected, so a walk can stay in those. */
    boolean withoutGlobs() {
        return globs.isEmpty();
    }

    /**
     * A word as a path of the repository, or null when it cannot be one: an option, absolute, with {@code ..}, empty,
     * or with a character a path of a check's argument does not hold.
     */
    private static String normal(String word) {
        if (word == null) {
            return null;
        }
        String w = word.strip();
        while (w.startsWith("./")) {
            w = w.substring(2);
        }
        if (w.isEmpty() || w.startsWith("-") || w.startsWith("/") || w.contains("\\") || w.length() > 1024) {
            return null;
        }
        for (String segment : w.split("/")) {
            if (segment.isEmpty() || segment.equals("..") || segment.equals(".")) {
                return null;
            }
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (Character.isWhitespace(c) || c == '$' || c == '*' || c == '?' || c == ';' || c == '|') {
                return null;
            }
        }
        return w;
    }
}
