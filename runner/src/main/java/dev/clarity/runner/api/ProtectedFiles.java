package dev.clarity.runner.api;

import java.util.List;

/**
 * What the caller knows about an item's protected files; the runner adds its own rules ({@code .clarity.yml},
 * {@code artifacts/}, {@code .github/workflows/}, the files the configured checks name, {@code protect:} globs).
 * {@code own} are Clarity's files (the task list, the outcomes file), protected whether or not they exist yet;
 * {@code named} are the words of every criterion of the task list, protected where they name a file of the item's
 * base commit; {@code approved} are files whose change a person approved for this item: they count as the item's
 * work, and the approved content is what later steps compare against.
 */
public record ProtectedFiles(List<String> own, List<String> named, List<String> approved) {
    public static final ProtectedFiles NONE = new ProtectedFiles(List.of(), List.of(), List.of());

    public ProtectedFiles {
        own = own == null ? List.of() : List.copyOf(own);
        named = named == null ? List.of() : List.copyOf(named);
        approved = approved == null ? List.of() : List.copyOf(approved);
    }
}
