package dev.clarity.runner.local;

import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.Sandbox;
import dev.clarity.runner.toolchain.SandboxCeilings;
import dev.clarity.testkit.git.SmartHttpGitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/** Repositories on the test git server, seeded with given files, and a runner over a data directory. */
final class ToolchainFixture {
    private final SmartHttpGitServer git;
    private final Path temp;

    ToolchainFixture(SmartHttpGitServer git, Path temp) {
        this.git = git;
        this.temp = temp;
    }

    /** Creates {@code name} on the server with {@code files} (path to content) on {@code main}; returns its URL. */
    String repository(String name, Map<String, String> files) throws Exception {
        String url = git.createRepository(name).toString();
        Path dir = Files.createTempDirectory(temp, "seed");
        var auth = new UsernamePasswordCredentialsProvider(SmartHttpGitServer.USERNAME, git.token());
        try (Git g = Git.cloneRepository()
                .setURI(url)
                .setDirectory(dir.toFile())
                .setCredentialsProvider(auth)
                .call()) {
            for (var file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            g.add().addFilepattern(".").call();
            PersonIdent ana = new PersonIdent("Ana", "ana@example.com");
            g.commit()
                    .setMessage("seed")
                    .setAuthor(ana)
                    .setCommitter(ana)
                    .setSign(false)
                    .call();
            g.push()
                    .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
                    .setCredentialsProvider(auth)
                    .call();
        }
        return url;
    }

    PrepRequest prep(String url, String workspace, String key) {
        return new PrepRequest(
                url, workspace, "1.1", "main", "task/1.1-add-feature", key, GitCredentials.gitHubToken(git.token()));
    }

    static LocalRunner runner(Path data, Sandbox sandbox, String path, ExecutorService executor) {
        return new LocalRunner(
                data.resolve("workspaces"),
                sandbox,
                CommandPolicy.defaults(),
                Map.of("PATH", path, "HOME", "/tmp"),
                Redactor.builtIn(),
                InstantSource.system(),
                executor,
                2,
                SandboxCeilings.DEFAULT);
    }
}
