package dev.clarity.bot.autonomy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Looks for planted credentials in every channel a run can write to; each hit names the channel and the place. */
final class SecretScan {
    private final List<String> needles;
    private final List<String> hits = new ArrayList<>();

    SecretScan(List<String> needles) {
        this.needles = List.copyOf(needles);
    }

    List<String> hits() {
        return List.copyOf(hits);
    }

    void text(String where, String text) {
        if (text == null) {
            return;
        }
        for (String needle : needles) {
            if (text.contains(needle)) {
                hits.add(where + " holds " + needle.substring(0, Math.min(8, needle.length())) + "…");
                return;
            }
        }
    }

    /** Every commit message and file of every commit reachable from any ref of the bare repository. */
    void pushed(Path bare) {
        try (Repository repo =
                        new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
                RevWalk walk = new RevWalk(repo)) {
            for (Ref ref : repo.getRefDatabase().getRefs()) {
                walk.markStart(walk.parseCommit(ref.getObjectId()));
            }
            Set<ObjectId> seen = new HashSet<>();
            for (RevCommit commit : walk) {
                String at = "pushed commit " + commit.abbreviate(7).name();
                text(at + " (message)", commit.getFullMessage());
                try (TreeWalk tree = new TreeWalk(repo)) {
                    tree.addTree(commit.getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        if (seen.add(tree.getObjectId(0))) {
                            byte[] bytes = repo.open(tree.getObjectId(0)).getBytes();
                            text(at + ": " + tree.getPathString(), new String(bytes, StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the pushed history of " + bare, e);
        }
    }

    /** Every file of a directory (a workspace's artifacts), its .git left out. */
    void files(String channel, Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                if (dir.relativize(p).toString().startsWith(".git")) {
                    continue;
                }
                text(channel + ": " + dir.relativize(p), Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + dir, e);
        }
    }
}
