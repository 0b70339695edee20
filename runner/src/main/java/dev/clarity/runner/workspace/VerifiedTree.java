package dev.clarity.runner.workspace;

import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Reads one file of a commit and checks every object on the way (the commit, each tree of the path, the blob)
 * against its id. JGit trusts the object files in {@code .git}; a commit id recorded outside the workspace is only
 * worth something if what is read under it is what the id says, whoever wrote the object files since.
 */
final class VerifiedTree {
    /** Larger objects are not read here: a tree or a config file this size is not one Clarity needs. */
    private static final int MAX_OBJECT = 64 * 1024 * 1024;

    private VerifiedTree() {}

    /**
     * The bytes of {@code path} ({@code /}-separated, no {@code .} or {@code ..}) in {@code commit}; empty when the
     * path does not exist there or is not a regular or executable file (a symbolic link, a directory, a submodule).
     *
     * @throws IOException when an object is missing, too large, or does not hash to its id
     */
    static Optional<byte[]> fileAt(ObjectReader reader, ObjectId commit, String path) throws IOException {
        ObjectId tree = RevCommit.parse(verified(reader, commit, Constants.OBJ_COMMIT))
                .getTree()
                .getId();
        String[] names = path.split("/");
        for (int i = 0; i < names.length; i++) {
            CanonicalTreeParser entries = new CanonicalTreeParser();
            entries.reset(verified(reader, tree, Constants.OBJ_TREE));
            while (!entries.eof() && !entries.getEntryPathString().equals(names[i])) {
                entries.next(1);
            }
            if (entries.eof()) {
                return Optional.empty();
            }
            FileMode mode = entries.getEntryFileMode();
            ObjectId id = entries.getEntryObjectId();
            if (i < names.length - 1) {
                if (mode != FileMode.TREE) {
                    return Optional.empty();
                }
                tree = id;
            } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                return Optional.of(verified(reader, id, Constants.OBJ_BLOB));
            }
        }
        return Optional.empty();
    }

    /**
     * The entries directly in {@code directory} ({@code ""} for the root) of {@code commit}: name → file mode, in
     * tree order; empty when it is not a directory there.
     */
    static java.util.Map<String, FileMode> entriesAt(ObjectReader reader, ObjectId commit, String directory)
            throws IOException {
        ObjectId tree = RevCommit.parse(verified(reader, commit, Constants.OBJ_COMMIT))
                .getTree()
                .getId();
        if (!directory.isEmpty()) {
            for (String name : directory.split("/")) {
                CanonicalTreeParser entries = new CanonicalTreeParser();
                entries.reset(verified(reader, tree, Constants.OBJ_TREE));
                while (!entries.eof() && !entries.getEntryPathString().equals(name)) {
                    entries.next(1);
                }
                if (entries.eof() || entries.getEntryFileMode() != FileMode.TREE) {
                    return java.util.Map.of();
                }
                tree = entries.getEntryObjectId();
            }
        }
        java.util.Map<String, FileMode> found = new java.util.LinkedHashMap<>();
        CanonicalTreeParser entries = new CanonicalTreeParser();
        entries.reset(verified(reader, tree, Constants.OBJ_TREE));
        while (!entries.eof()) {
            found.put(entries.getEntryPathString(), entries.getEntryFileMode());
            entries.next(1);
        }
        return found;
    }

    private static byte[] verified(ObjectReader reader, ObjectId id, int type) throws IOException {
        byte[] raw = reader.open(id, type).getCachedBytes(MAX_OBJECT);
        try (ObjectInserter.Formatter hash = new ObjectInserter.Formatter()) {
            if (!hash.idFor(type, raw).equals(id)) {
                throw new IOException("the object " + id.name() + " in the repository does not hold what its id"
                        + " says: its file was changed after git wrote it");
            }
        }
        return raw;
    }
}
