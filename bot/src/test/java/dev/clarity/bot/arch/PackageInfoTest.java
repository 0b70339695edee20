package dev.clarity.bot.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** CONVENTIONS: every production package says in its package-info.java what lives there. */
class PackageInfoTest {
    @Test
    void every_production_package_has_a_package_info() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> missing;
        try (Stream<Path> files = Files.walk(root)) {
            missing = files.filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> p.getFileName().toString().endsWith(".java"))
                    .map(Path::getParent)
                    .distinct()
                    .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
                    .map(root::relativize)
                    .toList();
        }
        assertThat(missing).as("packages without package-info.java").isEmpty();
    }
}
