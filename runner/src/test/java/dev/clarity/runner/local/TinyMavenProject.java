package dev.clarity.runner.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.util.FileUtils;

/**
 * A tiny real Maven project (one class, one JUnit 5 test, plugins pinned to versions the host's {@code ~/.m2}
 * holds), and the fixture step that fills a repository's Maven cache with exactly what its build needs: the host's
 * {@code mvn} runs the tests once with the host's {@code ~/.m2/repository} as a {@code file:} mirror named
 * {@code central} and the cache as its local repository. That copies the needed artifacts INTO the cache; the
 * sandbox never sees the host's {@code ~/.m2}.
 */
final class TinyMavenProject {
    static final Path HOST_REPOSITORY = Path.of(System.getProperty("user.home"), ".m2", "repository");

    private static Path seeded;

    private TinyMavenProject() {}

    /** The project's files; {@code extraDependency} (a {@code group:artifact:version}) is added when not null. */
    static Map<String, String> files(String checksConfig, String extraDependency) {
        String extra = extraDependency == null ? "" : """
                    <dependency>
                      <groupId>%s</groupId>
                      <artifactId>%s</artifactId>
                      <version>%s</version>
                    </dependency>
                """.formatted((Object[]) extraDependency.split(":"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put(".clarity.yml", checksConfig);
        files.put("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.clarity.probe</groupId>
                  <artifactId>tiny-shop</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter-api</artifactId>
                      <version>5.10.2</version>
                      <scope>test</scope>
                    </dependency>
                %s  </dependencies>
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.2.5</version></plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(extra));
        files.put("src/main/java/shop/Cart.java", """
                package shop;

                public final class Cart {
                    public static int total(int... prices) {
                        int sum = 0;
                        for (int p : prices) {
                            sum += p;
                        }
                        return sum;
                    }
                }
                """);
        files.put("src/test/java/shop/CartTest.java", """
                package shop;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class CartTest {
                    @Test
                    void totals_add_up() {
                        assertEquals(5, Cart.total(2, 3));
                    }
                }
                """);
        return files;
    }

    /** Copies what the project's build needs into {@code mavenCache} (seeded once per test JVM, then copied). */
    static synchronized void seed(Path mavenCache) throws Exception {
        if (seeded == null) {
            Path work = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target").toAbsolutePath()), "maven-seed");
            Path project = work.resolve("project");
            for (var file : files("", null).entrySet()) {
                Path path = project.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            Path settings = Files.writeString(
                    work.resolve("mirror.xml"),
                    "<settings><mirrors><mirror><id>central</id><mirrorOf>*</mirrorOf><url>" + HOST_REPOSITORY.toUri()
                            + "</url></mirror></mirrors></settings>");
            Path repository = work.resolve("repository");
            Process mvn = new ProcessBuilder(
                            "mvn", "-B", "-q", "-s", settings.toString(), "-Dmaven.repo.local=" + repository, "test")
                    .directory(project.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("seed.log").toFile())
                    .start();
            if (!mvn.waitFor(5, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
                // the host's ~/.m2 is this fixture's only source (no registry is reachable): without the pinned
                // plugins there, the scenario cannot be set up, which is said, not hidden
                throw new org.opentest4j.TestAbortedException("the host's " + HOST_REPOSITORY
                        + " lacks what the tiny Maven project needs (resources 3.3.1, compiler 3.13.0, surefire 3.2.5,"
                        + " JUnit 5.10.2 for /usr/bin/mvn); fill it once with network: "
                        + tail(work.resolve("seed.log")));
            }
            seeded = repository;
        }
        copy(seeded, mavenCache);
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 600));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(source, target);
                }
            }
        }
    }

    /** Writes a jar and pom of {@code group:artifact:version} into {@code repository} (Maven's layout). */
    static List<Path> plant(Path repository, String group, String artifact, String version) throws IOException {
        Path dir = repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        Path pom = Files.writeString(
                dir.resolve(artifact + "-" + version + ".pom"),
                "<project><modelVersion>4.0.0</modelVersion><groupId>" + group + "</groupId><artifactId>" + artifact
                        + "</artifactId><version>" + version + "</version></project>");
        Path jar = dir.resolve(artifact + "-" + version + ".jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.zip.ZipEntry("host-only.txt"));
            out.write("host".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return List.of(pom, jar, dir);
    }

    static void delete(Path dir) throws IOException {
        FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
    }
}
