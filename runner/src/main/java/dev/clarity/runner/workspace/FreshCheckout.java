package dev.clarity.runner.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The checkout of a fresh clone: writes a commit's tree into a working tree that holds nothing but {@code .git}, and
 * builds the index from what was written, in one pass. JGit's own checkout writes every file through a temporary
 * file and a rename, which is right when a file may already be there and about five times slower on a tree of
 * 10,000 files; a fresh clone has nothing to replace.
 *
 * <p>Only the plain case is taken: a tree or repository that asks for conversion on the way out (a
 * {@code .gitattributes} anywhere, {@code info/attributes}, {@code core.autocrlf}, {@code core.eol}, an attributes
 * file, no symbolic links) answers {@code false} before anything is written, and the caller uses JGit's checkout.
 * Paths are checked as JGit's checkout checks them ({@code .git}, {@code ..}, empty or absolute names are refused).
 */
final class FreshCheckout {
    private FreshCheckout() {}

    private record Entry(byte[] path, FileMode mode, ObjectId id) {}

    /** Writes {@code commit}'s tree and the index; false (nothing written) when the plain case does not apply. */
    static boolean write(Repository repo, ObjectId commit) throws IOException {
        if (needsConversion(repo)) {
            return false;
        }
        Path workTree = repo.getWorkTree().toPath();
        if (!onlyGitDirectory(workTree)) {
            return false;
        }
        List<Entry> entries = new ArrayList<>();
        ObjectChecker checker = new ObjectChecker();
        try (RevWalk revWalk = new RevWalk(repo);
                TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(revWalk.parseCommit(commit).getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                byte[] path = walk.getRawPath();
                if (walk.getNameString().equals(Constants.DOT_GIT_ATTRIBUTES)) {
                    return false;
                }
                try {
                    checker.checkPath(path, 0, path.length);
                } catch (CorruptObjectException e) {
                    throw new IOException("the tree of " + commit.name() + " holds a path git refuses to check out: "
                            + walk.getPathString() + " (" + e.getMessage() + ")");
                }
                FileMode mode = walk.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE
                        && mode != FileMode.EXECUTABLE_FILE
                        && mode != FileMode.SYMLINK
                        && mode != FileMode.GITLINK) {
                    return false;
                }
                entries.add(new Entry(path, mode, walk.getObjectId(0)));
            }
        }
        DirCache index = repo.lockDirCache();
        try (ObjectReader reader = repo.newObjectReader()) {
            DirCacheBuilder builder = index.builder();
            Set<Path> directories = new HashSet<>();
            directories.add(workTree);
            for (Entry e : entries) {
                builder.add(writeOne(workTree, directories, reader, e));
            }
            builder.finish();
            index.write();
            if (!index.commit()) {
                throw new IOException("could not write the index of " + workTree);
            }
        } finally {
            index.unlock();
        }
        return true;
    }

    private static DirCacheEntry writeOne(Path workTree, Set<Path> directories, ObjectReader reader, Entry e)
            throws IOException {
        Path file = workTree.resolve(new String(e.path(), StandardCharsets.UTF_8));
        Path parent = file.getParent();
        if (directories.add(parent)) {
            Files.createDirectories(parent);
        }
        DirCacheEntry entry = new DirCacheEntry(e.path());
        entry.setFileMode(e.mode());
        entry.setObjectId(e.id());
        if (e.mode() == FileMode.GITLINK) {
            Files.createDirectories(file);
            directories.add(file);
            entry.setLastModified(
                    Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant());
            return entry;
        }
        ObjectLoader blob = reader.open(e.id(), Constants.OBJ_BLOB);
        if (e.mode() == FileMode.SYMLINK) {
            String target = new String(blob.getCachedBytes(), StandardCharsets.UTF_8);
            Files.createSymbolicLink(file, Path.of(target));
        } else {
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                blob.copyTo(out);
            }
            if (e.mode() == FileMode.EXECUTABLE_FILE) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                // as git does: execute for whoever may read
                if (permissions.contains(PosixFilePermission.OWNER_READ)) {
                    permissions.add(PosixFilePermission.OWNER_EXECUTE);
                }
                if (permissions.contains(PosixFilePermission.GROUP_READ)) {
                    permissions.add(PosixFilePermission.GROUP_EXECUTE);
                }
                if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                    permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                }
                Files.setPosixFilePermissions(file, permissions);
            }
        }
        BasicFileAttributes attributes =
                Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        entry.setLength(attributes.size());
        entry.setLastModified(attributes.lastModifiedTime().toInstant());
        return entry;
    }

    private static boolean needsConversion(Repository repo) {
        var config = repo.getConfig();
        String autocrlf =
                config.getString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF);
        return (autocrlf != null && !autocrlf.equalsIgnoreCase("false"))
                || config.getString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_EOL) != null
                || config.getString(
                                ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_ATTRIBUTESFILE)
                        != null
                || !config.getBoolean(ConfigConstants.CONFIG_CORE_SECTION, ConfigConstants.CONFIG_KEY_SYMLINKS, true)
                || Files.exists(repo.getDirectory().toPath().resolve(Constants.INFO_ATTRIBUTES));
    }

    private static boolean onlyGitDirectory(Path workTree) throws IOException {
        try (Stream<Path> children = Files.list(workTree)) {
            return children.allMatch(p -> p.getFileName().toString().equals(Constants.DOT_GIT));
        }
    }
}
