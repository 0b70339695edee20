package dev.clarity.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.render.Golden;
import dev.clarity.runner.config.ConfigParse;
import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.config.RepositoryConfigParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InitCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path mavenRepository() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("shop"));
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        Path wrapper = Files.writeString(repo.resolve("mvnw"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return repo;
    }

    private static RepositoryConfig parsed(Path file) throws IOException {
        ConfigParse parse = new RepositoryConfigParser().parse(Files.readString(file));
        assertThat(parse).isInstanceOf(ConfigParse.Parsed.class);
        return ((ConfigParse.Parsed) parse).config();
    }

    @Test
    void init_writes_a_commented_clarity_yml_with_the_build_it_found() throws IOException {
        Path repo = mavenRepository();

        Run r = run("init", repo.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        Path file = repo.resolve(".clarity.yml");
        Golden.assertMatches("clarity-init-maven.yml", Files.readString(file));
        assertThat(parsed(file).checks().test()).containsExactly(List.of("./mvnw", "-B", "test"));
        assertThat(r.out())
                .startsWith("wrote " + file + ": the standard check is `./mvnw -B test` (maven, from pom.xml)\n")
                .contains("sandbox.network: none")
                .contains("commit it to the default branch");
        assertThat(r.err()).isEmpty();
        try (var left = Files.list(repo)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no temporary file is left")
                    .containsExactlyInAnyOrder(".git", ".clarity.yml", "pom.xml", "mvnw");
        }
    }

    @Test
    void init_keeps_an_existing_file_and_force_overwrites_it() throws IOException {
        Path repo = mavenRepository();
        Path file = repo.resolve(".clarity.yml");
        Files.writeString(file, "merge: wait\n");

        Run refused = run("init", repo.toString());

        assertThat(refused.exit()).isEqualTo(ExitCodes.NONE);
        assertThat(refused.err())
                .isEqualTo("clarity: " + file + " exists already and was left as it is; --force overwrites it\n");
        assertThat(refused.out()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo("merge: wait\n");

        Run forced = run("init", repo.toString(), "--force");

        assertThat(forced.exit()).isEqualTo(ExitCodes.OK);
        assertThat(parsed(file).checks().test()).containsExactly(List.of("./mvnw", "-B", "test"));
    }

    @Test
    void a_path_that_is_not_a_directory_is_bad_input() throws IOException {
        Path plain = Files.writeString(dir.resolve("notes.txt"), "x");

        for (Path path : List.of(plain, dir.resolve("missing"))) {
            Run r = run("init", path.toString());
            assertThat(r.exit()).as(path.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err())
                    .isEqualTo("clarity: " + path + " is not a directory; give the repository's directory\n");
        }
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void init_in_a_directory_of_a_repository_writes_at_its_root() throws IOException {
        Path repo = mavenRepository();
        Path module = Files.createDirectories(repo.resolve("web/src"));

        Run r = run("init", module.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(repo.resolve(".clarity.yml")).exists();
        assertThat(module.resolve(".clarity.yml")).doesNotExist();
    }

    @Test
    void without_a_build_the_file_is_written_and_the_user_is_told_what_to_add() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(repo.resolve("README.md"), "# notes\n");

        Run r = run("init", repo.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out())
                .contains("with no standard check")
                .contains(
                        "add the command that runs the tests to .clarity.yml, for example checks: {test: [[\"make\", \"test\"]]}");
        assertThat(parsed(repo.resolve(".clarity.yml")).checks().test()).isEmpty();
    }

    @Test
    void path_defaults_to_the_current_directory() {
        var init = Main.commandLine().getSubcommands().get("init").getCommandSpec();
        assertThat(init.positionalParameters().getFirst().defaultValue()).isEqualTo(".");
        assertThat(init.positionalParameters().getFirst().arity().min()).isZero();
    }
}
