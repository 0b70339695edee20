package dev.clarity.bot.app;

import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.testkit.git.SmartHttpGitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clarity run URL}: a token in the URL is used for git and kept out of the project record and messages. */
class LocalProjectsTest {
    @TempDir
    static Path temp;

    static Database database;
    static SmartHttpGitServer server;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        IsolatedGitConfig.install();
        database = Database.open(new DatabaseLocation.Embedded(temp.resolve("db"), false), 4, null);
        Files.createDirectories(temp.resolve("git"));
        server = SmartHttpGitServer.start(temp.resolve("git"));
        url = server.createRepository("shop").toString();
        Path seed = temp.resolve("seed");
        var token = new UsernamePasswordCredentialsProvider("x-access-token", server.token());
        try (Git git = Git.cloneRepository()
                .setURI(url)
                .setDirectory(seed.toFile())
                .setCredentialsProvider(token)
                .call()) {
            Files.writeString(seed.resolve("tasks_list.md"), "- 1 Do it\n");
            git.add().addFilepattern(".").call();
            PersonIdent ana = new PersonIdent("Ana", "ana@example.com");
            git.commit()
                    .setMessage("plan")
                    .setAuthor(ana)
                    .setCommitter(ana)
                    .setSign(false)
                    .call();
            git.push()
                    .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
                    .setCredentialsProvider(token)
                    .call();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        database.close();
    }

    private static String withToken(String token) {
        return url.replace("http://", "http://x-access-token:" + token + "@");
    }

    @Test
    void a_token_in_the_url_reaches_git_but_not_the_project_record() {
        var r = LocalProjects.resolve(database.dsl(), withToken(server.token()));

        assertThat(r).isInstanceOf(LocalProjects.Resolution.Found.class);
        var found = (LocalProjects.Resolution.Found) r;
        assertThat(found.defaultBranch()).isEqualTo("main");
        assertThat(found.repository()).isEqualTo(url);
        assertThat(found.credentials().token()).isEqualTo(server.token());
        var row = database.dsl()
                .selectFrom(PROJECTS)
                .where(PROJECTS.ID.eq(found.projectId()))
                .fetchSingle();
        assertThat(row.getRepository()).isEqualTo(url).doesNotContain(server.token());
        assertThat(row.getCloneUrl()).isEqualTo(url).doesNotContain(server.token());
        assertThat(LocalProjects.resolve(database.dsl(), withToken(server.token())))
                .as("the same URL finds the same project")
                .extracting(p -> ((LocalProjects.Resolution.Found) p).projectId())
                .isEqualTo(found.projectId());
    }

    @Test
    void a_wrong_token_is_refused_with_a_message_that_does_not_repeat_it() {
        var r = LocalProjects.resolve(database.dsl(), withToken("ghp_wrongwrongwrongwrongwrongwrongwrong"));

        assertThat(r).isInstanceOf(LocalProjects.Resolution.Invalid.class);
        assertThat(((LocalProjects.Resolution.Invalid) r).message())
                .contains("cannot read the repository at " + url)
                .doesNotContain("ghp_wrong");
    }
}
