package dev.clarity.runner.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuildDetectorTest {
    @TempDir
    Path dir;

    private static final String EXECUTABLE = "#!/bin/sh\n";
    private static final String JEST = "{\"scripts\": {\"test\": \"jest\"}}";

    /** Files by path; a value of {@link #EXECUTABLE} is written with the execute bits. */
    private static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return files;
    }

    private static DetectedBuild build(String name, String evidence, List<String> setup, String... test) {
        return new DetectedBuild(name, Arrays.asList(test), Optional.ofNullable(setup), evidence);
    }

    static Stream<Arguments> the_build_is_found_from_the_files_at_the_root() {
        return Stream.of(
                Arguments.of(
                        "maven", files("pom.xml", "<project/>"), build("maven", "pom.xml", null, "mvn", "-B", "test")),
                Arguments.of(
                        "maven with an executable wrapper",
                        files("pom.xml", "<project/>", "mvnw", EXECUTABLE),
                        build("maven", "pom.xml", null, "./mvnw", "-B", "test")),
                Arguments.of(
                        "maven with a wrapper that is not executable",
                        files("pom.xml", "<project/>", "mvnw", "#!/bin/sh"),
                        build("maven", "pom.xml", null, "mvn", "-B", "test")),
                Arguments.of(
                        "gradle kotlin with a wrapper",
                        files("build.gradle.kts", "", "gradlew", EXECUTABLE),
                        build("gradle", "build.gradle.kts", null, "./gradlew", "test")),
                Arguments.of(
                        "gradle groovy without a wrapper",
                        files("build.gradle", ""),
                        build("gradle", "build.gradle", null, "gradle", "test")),
                Arguments.of(
                        "gradle with only a settings file",
                        files("settings.gradle", "include 'app'"),
                        build("gradle", "settings.gradle", null, "gradle", "test")),
                Arguments.of(
                        "npm with a lockfile",
                        files("package.json", JEST, "package-lock.json", "{}"),
                        build("npm", "package.json", List.of("npm", "ci"), "npm", "test")),
                Arguments.of(
                        "npm without a lockfile",
                        files("package.json", JEST),
                        build("npm", "package.json", List.of("npm", "install"), "npm", "test")),
                Arguments.of(
                        "pnpm",
                        files("package.json", JEST, "pnpm-lock.yaml", ""),
                        build("pnpm", "package.json", List.of("pnpm", "install", "--frozen-lockfile"), "pnpm", "test")),
                Arguments.of(
                        "yarn 1",
                        files("package.json", JEST, "yarn.lock", ""),
                        build("yarn", "package.json", List.of("yarn", "install", "--frozen-lockfile"), "yarn", "test")),
                Arguments.of(
                        "yarn 2 or later",
                        files("package.json", JEST, "yarn.lock", "", ".yarnrc.yml", "nodeLinker: node-modules"),
                        build("yarn", "package.json", List.of("yarn", "install", "--immutable"), "yarn", "test")),
                Arguments.of(
                        "the declared package manager over a stray lockfile",
                        files(
                                "package.json",
                                "{\"packageManager\": \"pnpm@9.1.0\", \"scripts\": {\"test\": \"vitest run\"}}",
                                "yarn.lock",
                                ""),
                        build("pnpm", "package.json", List.of("pnpm", "install"), "pnpm", "test")),
                Arguments.of(
                        "pytest.ini", files("pytest.ini", "[pytest]"), build("pytest", "pytest.ini", null, "pytest")),
                Arguments.of(
                        "pytest in pyproject.toml",
                        files(
                                "pyproject.toml",
                                "[project]\nname = \"shop\"\n\n[tool.pytest.ini_options]\naddopts = \"-q\"\n"),
                        build("pytest", "pyproject.toml", null, "pytest")),
                Arguments.of(
                        "pytest in setup.cfg",
                        files("setup.cfg", "[metadata]\nname = shop\n[tool:pytest]\ntestpaths = tests\n"),
                        build("pytest", "setup.cfg", null, "pytest")),
                Arguments.of(
                        "pytest in tox.ini",
                        files("tox.ini", "[tox]\nenvlist = py312\n[pytest]\n"),
                        build("pytest", "tox.ini", null, "pytest")),
                Arguments.of(
                        "a tests directory with python tests",
                        files(
                                "pyproject.toml",
                                "[project]\nname = \"shop\"\n",
                                "tests/test_cart.py",
                                "def test_x(): pass\n"),
                        build("pytest", "tests/", null, "pytest")),
                Arguments.of(
                        "a test directory with go-style python test names",
                        files("test/cart_test.py", "def test_x(): pass\n"),
                        build("pytest", "test/", null, "pytest")),
                Arguments.of(
                        "go",
                        files("go.mod", "module example.com/shop\n"),
                        build("go", "go.mod", null, "go", "test", "./...")),
                Arguments.of(
                        "cargo",
                        files("Cargo.toml", "[package]\n"),
                        build("cargo", "Cargo.toml", null, "cargo", "test")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void the_build_is_found_from_the_files_at_the_root(String name, Map<String, String> files, DetectedBuild expected)
            throws IOException {
        write(files);
        assertThat(BuildDetector.detect(new DirectoryTree(dir)))
                .isEqualTo(new BuildDetection.Found(expected, List.of()));
    }

    static Stream<Arguments> nothing_that_runs_tests_is_no_build() {
        return Stream.of(
                Arguments.of("an empty repository", files("README.md", "# shop\n")),
                Arguments.of(
                        "npm's placeholder test script",
                        files(
                                "package.json",
                                "{\"scripts\": {\"test\": \"echo \\\"Error: no test specified\\\" && exit 1\"}}")),
                Arguments.of("a package.json without scripts", files("package.json", "{\"name\": \"shop\"}")),
                Arguments.of("a package.json that is not JSON", files("package.json", "{\"scripts\": {")),
                Arguments.of("a package.json that is a list", files("package.json", "[]")),
                Arguments.of(
                        "a pyproject.toml without pytest or tests",
                        files("pyproject.toml", "[project]\nname = \"x\"\n")),
                Arguments.of("a tests directory without python tests", files("tests/README.md", "manual tests\n")),
                Arguments.of("a build file in a subdirectory only", files("backend/pom.xml", "<project/>")),
                Arguments.of("a directory named like a build file", files("pom.xml/keep", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nothing_that_runs_tests_is_no_build(String name, Map<String, String> files) throws IOException {
        write(files);
        assertThat(BuildDetector.detect(new DirectoryTree(dir)))
                .isEqualTo(new BuildDetection.NotFound(BuildDetector.ADVICE));
    }

    @Test
    void the_advice_says_what_to_add_to_clarity_yml() {
        assertThat(BuildDetector.ADVICE).contains(".clarity.yml").contains("checks: {test: [[\"make\", \"test\"]]}");
    }

    @Test
    void with_several_builds_the_order_of_preference_picks_one_and_the_others_are_reported() throws IOException {
        write(files(
                "package.json", JEST,
                "go.mod", "module x\n",
                "pytest.ini", "[pytest]\n",
                "Cargo.toml", "[package]\n",
                "build.gradle", "",
                "pom.xml", "<project/>"));

        BuildDetection found = BuildDetector.detect(new DirectoryTree(dir));

        assertThat(found).isInstanceOf(BuildDetection.Found.class);
        var detection = (BuildDetection.Found) found;
        assertThat(detection.build().name()).isEqualTo("maven");
        assertThat(detection.others())
                .extracting(DetectedBuild::name)
                .containsExactly("gradle", "cargo", "go", "npm", "pytest");
    }

    @Test
    void a_symbolic_link_is_not_taken_for_a_build_file() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("pom.xml"), "<project/>");
        Path repository = Files.createDirectories(dir.resolve("repository"));
        Files.createSymbolicLink(repository.resolve("pom.xml"), outside.resolve("pom.xml"));
        Files.createSymbolicLink(repository.resolve("package.json"), outside.resolve("pom.xml"));

        assertThat(BuildDetector.detect(new DirectoryTree(repository))).isInstanceOf(BuildDetection.NotFound.class);
    }

    @Test
    void the_programs_of_a_build_are_its_setup_and_test_commands() {
        assertThat(build("pnpm", "package.json", List.of("pnpm", "install"), "pnpm", "test")
                        .commands())
                .containsExactly("pnpm");
        assertThat(build("maven", "pom.xml", null, "./mvnw", "-B", "test").commands())
                .containsExactly("./mvnw");
        assertThat(build("npm", "package.json", List.of("npm", "ci"), "npm", "test")
                        .describe())
                .isEqualTo("npm (package.json): npm test");
    }

    private void write(Map<String, String> files) throws IOException {
        for (var file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
            if (file.getValue().equals(EXECUTABLE)) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
