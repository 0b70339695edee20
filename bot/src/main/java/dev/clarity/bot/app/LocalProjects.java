package dev.clarity.bot.app;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.workspace.GitWorkspaces;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;
import org.jooq.DSLContext;

/**
 * The project record behind {@code clarity run}: a local repository path or a git URL, filed under the customer
 * "local". Running the same command again finds the same project (and so its execution to resume).
 */
public final class LocalProjects {
    /** A repository {@code clarity run} can work on, or why not. */
    public sealed interface Resolution {
        /**
         * {@code credentials} came in the URL's {@code user:token@} part; they are kept in memory only, never in the
         * project record, a log or a message.
         */
        record Found(long projectId, String repository, String defaultBranch, GitCredentials credentials)
                implements Resolution {}

        record Invalid(String message) implements Resolution {}
    }

    private LocalProjects() {}

    public static Resolution resolve(DSLContext dsl, String pathOrUrl) {
        IsolatedGitConfig
                .install(); // ls-remote and open below, like every git call of Clarity's, ignore the user's config
        String repository;
        String cloneUrl;
        String defaultBranch;
        GitCredentials credentials = null;
        if (pathOrUrl.matches("^[a-z+]+://.*") || pathOrUrl.matches("^[\\w.-]+@[\\w.-]+:.*")) {
            // a token in the URL (https://user:token@host/…) stays in memory; an ssh user (git@host:…) is no secret
            credentials = GitWorkspaces.userInfo(pathOrUrl);
            String clean = credentials == null ? pathOrUrl : GitWorkspaces.withoutUserInfo(pathOrUrl);
            repository = clean;
            cloneUrl = clean;
            Optional<String> head = remoteHead(clean, credentials);
            if (head.isEmpty()) {
                return new Resolution.Invalid(
                        "cannot read the repository at " + clean + " (is the URL right and reachable?)");
            }
            defaultBranch = head.get();
        } else {
            Path dir = Path.of(pathOrUrl).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir.resolve(".git")) && !Files.isRegularFile(dir.resolve("HEAD"))) {
                return new Resolution.Invalid(dir + " is not a git repository (no .git directory)");
            }
            try (Git git = Git.open(dir.toFile())) {
                if (git.getRepository().resolve("HEAD") == null) {
                    return new Resolution.Invalid(dir + " has no commits yet; commit the task list first");
                }
                defaultBranch = git.getRepository().getBranch();
            } catch (IOException e) {
                return new Resolution.Invalid("cannot open the repository " + dir + ": " + e.getMessage());
            }
            repository = dir.toString();
            cloneUrl = dir.toUri().toString();
        }
        long customer = dsl.insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                .values("Local", "local")
                .onConflict(CUSTOMERS.SLUG)
                .doUpdate()
                .set(CUSTOMERS.UPDATED_AT, CUSTOMERS.UPDATED_AT)
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
        long project = dsl.insertInto(
                        PROJECTS,
                        PROJECTS.CUSTOMER_ID,
                        PROJECTS.NAME,
                        PROJECTS.REPOSITORY,
                        PROJECTS.CLONE_URL,
                        PROJECTS.DEFAULT_BRANCH)
                .values(customer, nameOf(repository), repository, cloneUrl, defaultBranch)
                .onConflict(PROJECTS.REPOSITORY)
                .doUpdate()
                .set(PROJECTS.DEFAULT_BRANCH, defaultBranch)
                .set(PROJECTS.CLONE_URL, cloneUrl)
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
        return new Resolution.Found(project, repository, defaultBranch, credentials);
    }

    private static String nameOf(String repository) {
        String trimmed = repository.replaceAll("[/]+$", "").replaceAll("\\.git$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static Optional<String> remoteHead(String url, GitCredentials credentials) {
        try {
            var ls = Git.lsRemoteRepository().setRemote(url);
            if (credentials != null && credentials.token() != null) {
                ls.setCredentialsProvider(new org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider(
                        credentials.username(), credentials.token()));
            }
            Ref head = ls.callAsMap().get("HEAD");
            if (head == null) {
                return Optional.empty();
            }
            String target = head.isSymbolic() ? head.getTarget().getName() : "refs/heads/main";
            return Optional.of(target.substring("refs/heads/".length()));
        } catch (GitAPIException e) {
            return Optional.empty();
        }
    }
}
