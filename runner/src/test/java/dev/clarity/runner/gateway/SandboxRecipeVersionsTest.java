package dev.clarity.runner.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code sandbox/} image recipes install the CLI versions the real-CLI tests run ({@link RealCli}). */
class SandboxRecipeVersionsTest {

    @Test
    void every_recipe_pins_the_claude_code_and_codex_versions_the_tests_run() throws IOException {
        String claude = RealCli.CLAUDE_PACKAGE.substring(RealCli.CLAUDE_PACKAGE.lastIndexOf('@') + 1);
        String codex = RealCli.CODEX_PACKAGE.substring(RealCli.CODEX_PACKAGE.lastIndexOf('@') + 1);
        for (String recipe : List.of("jdk", "node", "python")) {
            String dockerfile = Files.readString(
                    repositoryRoot().resolve("sandbox").resolve(recipe).resolve("Dockerfile"));

            assertThat(dockerfile)
                    .as(recipe)
                    .contains("ARG CLAUDE_CODE_VERSION=" + claude + "\n")
                    .contains("ARG CODEX_VERSION=" + codex + "\n")
                    .contains("\"@anthropic-ai/claude-code@${CLAUDE_CODE_VERSION}\"")
                    .contains("\"@openai/codex@${CODEX_VERSION}\"");
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("sandbox/jdk"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no sandbox/jdk above " + Path.of("").toAbsolutePath());
    }
}
