package dev.clarity.runner.api;

/**
 * Read one file of the workspace; {@code path} is relative to the repository root and may not leave it.
 * {@code revision} is absent (null) for the work tree as it is now, or {@value #BASE} for the file as the item's
 * base commit holds it (recorded by PREP; the HEAD commit before any PREP) — what a tool did to the work tree cannot
 * change that answer, so whatever grants rights ({@code .clarity.yml}) is read that way.
 */
public record ReadFileRequest(String workspaceId, String path, String revision) {
    public static final String BASE = "base";

    /** A read of the work tree. */
    public ReadFileRequest(String workspaceId, String path) {
        this(workspaceId, path, null);
    }

    /**
     * Whether the file is to be read at the base commit.
     *
     * @throws IllegalArgumentException naming the revision when it is neither absent nor {@value #BASE}
     */
    public boolean atBase() {
        if (revision == null) {
            return false;
        }
        if (!revision.equals(BASE)) {
            throw new IllegalArgumentException(
                    "revision must be \"" + BASE + "\" or left out (the work tree): \"" + revision + "\"");
        }
        return true;
    }
}
