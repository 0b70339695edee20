package dev.clarity.runner.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the build at a repository's root from its files, running nothing, and the command that runs its tests.
 * When several are found the first of this order wins: Maven, Gradle, Cargo, Go, npm/pnpm/yarn, pytest — a JVM,
 * Rust or Go build at the root is the repository's build and a {@code package.json} beside it usually serves a
 * front end or tooling, and a {@code package.json} test script is named outright where pytest is inferred. The
 * others are reported too. Stateless and thread-safe.
 *
 * <p>The wrappers ({@code ./mvnw}, {@code ./gradlew}) are chosen when the tree holds them executable: they are
 * repository code, which is fine for a check since checks run in the sandbox.
 */
public final class BuildDetector {
    /** The sentence for a repository with no build found and no {@code checks.test} configured. */
    public static final String ADVICE = "Clarity found no build at the repository root (pom.xml, build.gradle,"
            + " Cargo.toml, go.mod, a package.json with a test script, or pytest tests): add the command that runs"
            + " the tests to .clarity.yml, for example checks: {test: [[\"make\", \"test\"]]}";

    /** npm's placeholder for a package without tests: it always fails. */
    private static final String NPM_PLACEHOLDER = "no test specified";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<Function<RepositoryTree, Optional<DetectedBuild>>> IN_PREFERENCE = List.of(
            BuildDetector::maven,
            BuildDetector::gradle,
            BuildDetector::cargo,
            BuildDetector::go,
            BuildDetector::node,
            BuildDetector::pytest);

    private BuildDetector() {}

    public static BuildDetection detect(RepositoryTree tree) {
        List<DetectedBuild> found = new ArrayList<>();
        for (var detector : IN_PREFERENCE) {
            detector.apply(tree).ifPresent(found::add);
        }
        return found.isEmpty()
                ? new BuildDetection.NotFound(ADVICE)
                : new BuildDetection.Found(found.getFirst(), found.subList(1, found.size()));
    }

    private static Optional<DetectedBuild> maven(RepositoryTree tree) {
        if (!tree.isFile("pom.xml")) {
            return Optional.empty();
        }
        String mvn = tree.isExecutable("mvnw") ? "./mvnw" : "mvn";
        return Optional.of(new DetectedBuild("maven", List.of(mvn, "-B", "test"), Optional.empty(), "pom.xml"));
    }

    private static Optional<DetectedBuild> gradle(RepositoryTree tree) {
        return firstFile(tree, "build.gradle.kts", "build.gradle", "settings.gradle.kts", "settings.gradle")
                .map(evidence -> new DetectedBuild(
                        "gradle",
                        List.of(tree.isExecutable("gradlew") ? "./gradlew" : "gradle", "test"),
                        Optional.empty(),
                        evidence));
    }

    private static Optional<DetectedBuild> cargo(RepositoryTree tree) {
        return tree.isFile("Cargo.toml")
                ? Optional.of(new DetectedBuild("cargo", List.of("cargo", "test"), Optional.empty(), "Cargo.toml"))
                : Optional.empty();
    }

    private static Optional<DetectedBuild> go(RepositoryTree tree) {
        return tree.isFile("go.mod")
                ? Optional.of(new DetectedBuild("go", List.of("go", "test", "./..."), Optional.empty(), "go.mod"))
                : Optional.empty();
    }

    /** A {@code package.json} whose {@code scripts.test} is set and is not npm's placeholder. */
    private static Optional<DetectedBuild> node(RepositoryTree tree) {
        Optional<JsonNode> manifest = tree.read("package.json").flatMap(BuildDetector::parseJson);
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        JsonNode test = manifest.get().path("scripts").path("test");
        if (!test.isTextual() || test.asText().isBlank() || test.asText().contains(NPM_PLACEHOLDER)) {
            return Optional.empty();
        }
        String declared = manifest.get().path("packageManager").asText("");
        String manager;
        if (declared.startsWith("pnpm@") || declared.startsWith("yarn@") || declared.startsWith("npm@")) {
            manager = declared.substring(0, declared.indexOf('@'));
        } else if (tree.isFile("pnpm-lock.yaml")) {
            manager = "pnpm";
        } else if (tree.isFile("yarn.lock")) {
            manager = "yarn";
        } else {
            manager = "npm";
        }
        return Optional.of(new DetectedBuild(
                manager, List.of(manager, "test"), Optional.of(install(tree, manager)), "package.json"));
    }

    /** Installs exactly what the lockfile says when there is one. */
    private static List<String> install(RepositoryTree tree, String manager) {
        return switch (manager) {
            case "pnpm" ->
                tree.isFile("pnpm-lock.yaml")
                        ? List.of("pnpm", "install", "--frozen-lockfile")
                        : List.of("pnpm", "install");
            case "yarn" -> {
                if (!tree.isFile("yarn.lock")) {
                    yield List.of("yarn", "install");
                }
                // Yarn 2 and later (configured by .yarnrc.yml) renamed --frozen-lockfile to --immutable
                yield tree.isFile(".yarnrc.yml")
                        ? List.of("yarn", "install", "--immutable")
                        : List.of("yarn", "install", "--frozen-lockfile");
            }
            default ->
                tree.isFile("package-lock.json") || tree.isFile("npm-shrinkwrap.json")
                        ? List.of("npm", "ci")
                        : List.of("npm", "install");
        };
    }

    /**
     * pytest's own configuration ({@code pytest.ini}, {@code [tool.pytest.ini_options]} in {@code pyproject.toml},
     * {@code [tool:pytest]} in {@code setup.cfg}, {@code [pytest]} in {@code tox.ini}), a root {@code conftest.py},
     * or a {@code tests/} or {@code test/} directory holding {@code test_*.py}, {@code *_test.py} or
     * {@code conftest.py}.
     */
    private static Optional<DetectedBuild> pytest(RepositoryTree tree) {
        Optional<String> evidence = firstFile(tree, "pytest.ini")
                .or(() -> section(tree, "pyproject.toml", "[tool.pytest.ini_options]"))
                .or(() -> section(tree, "setup.cfg", "[tool:pytest]"))
                .or(() -> section(tree, "tox.ini", "[pytest]"))
                .or(() -> firstFile(tree, "conftest.py"))
                .or(() -> testDirectory(tree, "tests"))
                .or(() -> testDirectory(tree, "test"));
        return evidence.map(e -> new DetectedBuild("pytest", List.of("pytest"), Optional.empty(), e));
    }

    private static Optional<String> section(RepositoryTree tree, String file, String header) {
        return tree.read(file)
                .filter(text -> text.lines().map(String::strip).anyMatch(header::equals))
                .map(text -> file);
    }

    private static Optional<String> testDirectory(RepositoryTree tree, String directory) {
        boolean holdsTests = tree.list(directory).stream()
                .filter(name -> tree.isFile(directory + "/" + name))
                .anyMatch(name -> name.equals("conftest.py")
                        || (name.startsWith("test_") && name.endsWith(".py"))
                        || name.endsWith("_test.py"));
        return holdsTests ? Optional.of(directory + "/") : Optional.empty();
    }

    private static Optional<String> firstFile(RepositoryTree tree, String... candidates) {
        for (String candidate : candidates) {
            if (tree.isFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The manifest, or empty when it is not a JSON object (a broken package.json names no test script). */
    private static Optional<JsonNode> parseJson(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
