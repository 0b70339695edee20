package dev.clarity.runner.checks;

import dev.clarity.runner.workspace.WorkspaceGit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Whether a file was updated by the work of a task, for {@code doc} criteria ("the outcomes file updated"): changed
 * in the working tree against HEAD (the item's own, uncommitted work), or changed by a commit in HEAD's history whose
 * message is Clarity's {@code Task <id>: …} for the task or one of its items. The task of a check line {@code X.B} is
 * {@code X}; a numbered item also counts its siblings' commits, since a check line numbered like a sibling
 * ({@code 1.1.6 Verify correctness of Task 1.1}) checks the work of its parent.
 */
final class TaskUpdates {
    private static final Pattern LETTER_PART = Pattern.compile("\\.[A-Za-z]+$");
    private static final int MAX_COMMITS = 2_000;

    private TaskUpdates() {}

    /** Empty when the workspace is not a git repository (nothing to compare with). */
    static Optional<Boolean> updated(Path workspace, String taskId, String relative, byte[] content)
            throws IOException {
        if (!Files.isDirectory(workspace.resolve(Constants.DOT_GIT))) {
            return Optional.empty();
        }
        try (Git git = WorkspaceGit.open(workspace);
                RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repo = git.getRepository();
            ObjectId headId = repo.resolve(Constants.HEAD);
            if (headId == null) {
                return Optional.of(true);
            }
            RevCommit head = walk.parseCommit(headId);
            ObjectId inHead = blob(repo, head.getTree(), relative);
            ObjectId now;
            try (ObjectInserter.Formatter formatter = new ObjectInserter.Formatter()) {
                now = formatter.idFor(Constants.OBJ_BLOB, content);
            }
            if (!now.equals(inHead)) {
                return Optional.of(true);
            }
            Set<String> prefixes = prefixes(taskId);
            walk.markStart(head);
            int seen = 0;
            for (RevCommit commit : walk) {
                if (++seen > MAX_COMMITS) {
                    break;
                }
                if (!ofTask(commit.getShortMessage(), prefixes)) {
                    continue;
                }
                ObjectId after = blob(repo, commit.getTree(), relative);
                ObjectId before = commit.getParentCount() == 0
                        ? null
                        : blob(repo, walk.parseCommit(commit.getParent(0)).getTree(), relative);
                if (after != null && !after.equals(before)) {
                    return Optional.of(true);
                }
            }
            return Optional.of(false);
        }
    }

    /** The ids whose commits count: the item, the task of a check line, and the parent of a numbered item. */
    static Set<String> prefixes(String taskId) {
        Set<String> prefixes = new LinkedHashSet<>();
        prefixes.add(taskId);
        if (LETTER_PART.matcher(taskId).find()) {
            prefixes.add(LETTER_PART.matcher(taskId).replaceFirst(""));
        } else if (taskId.lastIndexOf('.') > 0) {
            prefixes.add(taskId.substring(0, taskId.lastIndexOf('.')));
        }
        return prefixes;
    }

    private static boolean ofTask(String subject, Set<String> prefixes) {
        if (!subject.startsWith("Task ")) {
            return false;
        }
        int colon = subject.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String id = subject.substring("Task ".length(), colon);
        for (String prefix : prefixes) {
            if (id.equals(prefix) || id.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    private static ObjectId blob(Repository repo, RevTree tree, String relative) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo, relative, tree)) {
            return tw == null ? null : tw.getObjectId(0);
        }
    }
}
