package dev.clarity.runner.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.clarity.runner.config.ChecksConfig;
import dev.clarity.runner.config.ConfigParse;
import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.config.RepositoryConfigParser;
import dev.clarity.runner.config.SandboxConfig;
import dev.clarity.runner.config.ToolsConfig;
import dev.clarity.vocabulary.MergePolicy;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StarterConfigTest {
    private static final DetectedBuild MAVEN =
            new DetectedBuild("maven", List.of("./mvnw", "-B", "test"), Optional.empty(), "pom.xml");
    private static final DetectedBuild PNPM = new DetectedBuild(
            "pnpm",
            List.of("pnpm", "test"),
            Optional.of(List.of("pnpm", "install", "--frozen-lockfile")),
            "package.json");
    private static final DetectedBuild GO =
            new DetectedBuild("go", List.of("go", "test", "./..."), Optional.empty(), "go.mod");

    static Stream<Arguments> detections() {
        return Stream.of(
                Arguments.of("maven", new BuildDetection.Found(MAVEN, List.of(PNPM))),
                Arguments.of("pnpm", new BuildDetection.Found(PNPM, List.of())),
                Arguments.of("go", new BuildDetection.Found(GO, List.of())),
                Arguments.of("nothing", new BuildDetection.NotFound(BuildDetector.ADVICE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detections")
    void the_written_file_parses_to_the_detected_checks_and_the_defaults(String name, BuildDetection detection) {
        String text = StarterConfig.render(detection);

        ConfigParse parse = new RepositoryConfigParser().parse(text);

        assertThat(parse).as(text).isInstanceOf(ConfigParse.Parsed.class);
        RepositoryConfig config = ((ConfigParse.Parsed) parse).config();
        switch (detection) {
            case BuildDetection.Found found -> {
                DetectedBuild build = found.build();
                assertThat(config.checks())
                        .isEqualTo(new ChecksConfig(
                                build.setup().map(List::of).orElse(List.of()),
                                List.of(),
                                List.of(build.testCommand()),
                                List.of()));
                assertThat(config.commands()).isEqualTo(build.commands());
            }
            case BuildDetection.NotFound notFound -> {
                assertThat(config.checks()).isEqualTo(ChecksConfig.DEFAULT);
                assertThat(config.commands()).isEmpty();
                String comments = text.lines()
                        .filter(line -> line.startsWith("# "))
                        .map(line -> line.substring(2))
                        .reduce("", (a, b) -> a + " " + b);
                assertThat(comments).as("the advice, in the header's comment").contains(notFound.advice());
            }
        }
        assertThat(config.merge()).isEqualTo(MergePolicy.STACKED);
        assertThat(config.tools()).isEqualTo(ToolsConfig.DEFAULT);
        assertThat(config.sandbox()).isEqualTo(SandboxConfig.DEFAULT);
        assertThat(config.tasks()).isNull();
        assertThat(config.outcomes()).isNull();
        assertThat(config.gates()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detections")
    void every_key_the_parser_accepts_has_a_comment_line(String name, BuildDetection detection) {
        String text = StarterConfig.render(detection);

        for (String key : keys(RepositoryConfig.class)) {
            assertThat(text).as("a comment line for %s", key).containsPattern("(?m)^# " + Pattern.quote(key) + ": ");
        }
        for (var section : List.of(
                new Section("tools", ToolsConfig.class),
                new Section("sandbox", SandboxConfig.class),
                new Section("checks", ChecksConfig.class))) {
            String body = sectionBody(text, section.key());
            for (String key : keys(section.type())) {
                assertThat(body)
                        .as("%s.%s, set or commented", section.key(), key)
                        .containsPattern("(?m)^  (# )?" + Pattern.quote(key) + ": ");
            }
        }
    }

    private record Section(String key, Class<? extends Record> type) {}

    /** The keys Jackson reads into {@code type}: its components, under their {@code @JsonProperty} names. */
    private static List<String> keys(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(StarterConfigTest::key)
                .toList();
    }

    private static String key(RecordComponent component) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        if (renamed == null) {
            renamed = component.getAnnotation(JsonProperty.class);
        }
        return renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
    }

    /** The indented lines under the top-level {@code key:}. */
    private static String sectionBody(String text, String key) {
        int start = text.indexOf("\n" + key + ":\n");
        assertThat(start).as("a %s: section", key).isNotNegative();
        StringBuilder body = new StringBuilder();
        for (String line : text.substring(start + key.length() + 3).split("\n")) {
            if (!line.startsWith("  ")) {
                break;
            }
            body.append(line).append('\n');
        }
        return body.toString();
    }
}
