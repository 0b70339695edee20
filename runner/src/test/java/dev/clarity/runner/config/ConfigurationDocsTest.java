package dev.clarity.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code docs/clarity.schema.json}, {@code docs/examples/clarity.yml} and the parser agree: the example parses, the
 * schema has exactly the keys the config records accept (derived from the records, so a new key without a schema
 * entry fails here), its enums are the vocabulary's spellings, and sample files get the same verdict from both.
 */
class ConfigurationDocsTest {
    private static final Path DOCS = repositoryRoot().resolve("docs");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RepositoryConfigParser parser = new RepositoryConfigParser();

    @Test
    void the_example_file_parses_without_a_problem() throws IOException {
        ConfigParse parse = parser.parse(Files.readString(DOCS.resolve("examples/clarity.yml")));

        assertThat(parse).isInstanceOf(ConfigParse.Parsed.class);
        RepositoryConfig config = ((ConfigParse.Parsed) parse).config();
        assertThat(config.tools().routing()).isNotEmpty();
        assertThat(config.checks().test()).isNotEmpty();
        assertThat(config.checks().defaults()).isNotEmpty();
        assertThat(config.gates()).isNotEmpty();
        assertThat(schema().validate(YAML.readTree(Files.readString(DOCS.resolve("examples/clarity.yml")))))
                .isEmpty();
    }

    @Test
    void the_schema_has_exactly_the_keys_the_parser_accepts_at_every_level() throws IOException {
        Map<String, TreeSet<String>> parserKeys = new TreeMap<>();
        recordKeys("", RepositoryConfig.class, parserKeys);
        Map<String, TreeSet<String>> schemaKeys = new TreeMap<>();
        JsonNode root = JSON.readTree(DOCS.resolve("clarity.schema.json").toFile());
        schemaKeys("", root, root, schemaKeys);

        assertThat(schemaKeys).isEqualTo(parserKeys);
        assertThat(parserKeys).containsKeys("", "tools", "tools.routing[]", "sandbox", "checks.defaults[]");
    }

    @Test
    void every_enum_of_the_schema_is_the_spellings_of_its_vocabulary() throws IOException {
        JsonNode root = JSON.readTree(DOCS.resolve("clarity.schema.json").toFile());
        JsonNode properties = root.path("properties");

        assertThat(words(properties.path("merge").path("enum"))).isEqualTo(MergePolicy.spellings());
        assertThat(words(properties
                        .path("tools")
                        .path("properties")
                        .path("default")
                        .path("enum")))
                .isEqualTo(Tool.spellings());
        assertThat(words(root.path("$defs")
                        .path("routingRule")
                        .path("properties")
                        .path("tool")
                        .path("enum")))
                .isEqualTo(Tool.spellings());
        JsonNode sandbox = properties.path("sandbox").path("properties");
        assertThat(words(sandbox.path("network").path("enum")))
                .isEqualTo(Arrays.stream(SandboxConfig.Network.values())
                        .map(n -> n.name().toLowerCase(Locale.ROOT))
                        .toList());
        assertThat(words(sandbox.path("engine").path("enum"))).isEqualTo(SandboxConfig.ENGINES);
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("", true),
                Arguments.of("merge: auto\n", true),
                Arguments.of("merge: wait\ntools:\n  default: claude\n", true),
                Arguments.of("tools:\n  routing:\n    - { match: refactor, tool: claude }\n", true),
                Arguments.of("tools:\n  command: { command: ./scripts/agent.sh }\n", true),
                Arguments.of("tools:\n  ollama: { command: [ollama], model: qwen2.5-coder }\n", true),
                Arguments.of("sandbox:\n  engine: process\n  memory: 512m\n  timeout: 90s\n  cpus: 1.5\n", true),
                Arguments.of("sandbox:\n  memory: 1073741824\n  network: egress\n", true),
                Arguments.of("commands: make\ngates: migration\n", true),
                Arguments.of("commands: [make, ./gradlew]\ngates: [migration, drop table]\n", true),
                Arguments.of("checks:\n  setup: [[npm, ci]]\n  test: [[npm, test]]\n", true),
                Arguments.of("checks:\n  defaults:\n    - { key: t, kind: test, check: cmd, args: [make] }\n", true),
                Arguments.of("checks:\n", true),
                Arguments.of("protect: deploy/\n", true),
                Arguments.of("protect: [\"docs/**\", infra/]\nrisk:\n  deletion_share: 0.8\n", true),
                Arguments.of("risk:\n  migrations: false\n  credentials: true\n  deletion_min_lines: 5\n", true),
                Arguments.of("risk:\n  deletion_share: 2\n", false),
                Arguments.of("risk:\n  deletion_share: 0\n", false),
                Arguments.of("risk:\n  deletion_min_lines: 0\n", false),
                Arguments.of("risk:\n  migratons: false\n", false),
                Arguments.of("protect: { docs: yes }\n", false),
                Arguments.of("budget:\n  item: { tokens: 200000, money: 2.50, wall_time: 45m }\n", true),
                Arguments.of("budget:\n  execution: { money: \"20\", wall_time: 6h }\n  item:\n", true),
                Arguments.of("budget:\n  item: { tokens: lots }\n", false),
                Arguments.of("budget:\n  item: { tokens: 0 }\n", false),
                Arguments.of("budget:\n  item: { money: -1 }\n", false),
                Arguments.of("budget:\n  item: { wall_time: 45 }\n", false),
                Arguments.of("budget:\n  items: { tokens: 1 }\n", false),
                Arguments.of("budget:\n  item: { cost: 1 }\n", false),
                // unknown keys, at every level
                Arguments.of("merj: auto\n", false),
                Arguments.of("tools:\n  defualt: aider\n", false),
                Arguments.of("tools:\n  routing:\n    - { match: x, tool: claude, when: always }\n", false),
                Arguments.of("tools:\n  aider: { command: [aider], models: x }\n", false),
                Arguments.of("sandbox:\n  memroy: 2g\n", false),
                Arguments.of("checks:\n  lint: [[make, lint]]\n", false),
                Arguments.of("checks:\n  defaults:\n    - { key: t, kind: test, check: cmd, arg: [make] }\n", false),
                // wrong types
                Arguments.of("- merge\n", false),
                Arguments.of("tools: claude\n", false),
                Arguments.of("tools:\n  routing: { match: x, tool: claude }\n", false),
                Arguments.of("sandbox:\n  cpus: many\n", false),
                Arguments.of("sandbox:\n  memory: lots\n", false),
                Arguments.of("sandbox:\n  memory: 1.5\n", false),
                Arguments.of("sandbox:\n  timeout: soon\n", false),
                Arguments.of("sandbox:\n  timeout: 90\n", false),
                Arguments.of("commands: { make: yes }\n", false),
                Arguments.of("commands: [[make]]\n", false),
                Arguments.of("checks:\n  test: [npm, test]\n", false),
                Arguments.of("checks:\n  test: {a: 1}\n", false),
                Arguments.of("checks:\n  defaults:\n    - { key: t, args: make }\n", false),
                Arguments.of("tools:\n  routing:\n    - { match: x }\n", false),
                // bad enum values
                Arguments.of("merge: sometimes\n", false),
                Arguments.of("merge: 1\n", false),
                Arguments.of("tools:\n  default: cursor\n", false),
                Arguments.of("tools:\n  routing:\n    - { match: x, tool: vim }\n", false),
                Arguments.of("sandbox:\n  network: open\n", false),
                Arguments.of("sandbox:\n  engine: kubernetes\n", false));
    }

    @ParameterizedTest(name = "[{index}] valid={1}: {0}")
    @MethodSource("samples")
    void the_parser_and_the_schema_give_a_sample_the_same_verdict(String yaml, boolean valid) throws IOException {
        ConfigParse parse = parser.parse(yaml);
        JsonNode tree = yaml.isBlank() ? NullNode.getInstance() : YAML.readTree(yaml);
        var errors = schema().validate(tree == null ? NullNode.getInstance() : tree);

        assertThat(parse instanceof ConfigParse.Parsed)
                .as("parser on %s: %s", yaml, parse)
                .isEqualTo(valid);
        assertThat(errors.isEmpty()).as("schema on %s: %s", yaml, errors).isEqualTo(valid);
    }

    /**
     * Where the parser is kinder than the schema, on purpose: it reads a policy or network in any case (files written
     * before the spellings were fixed still work) while editors suggest the lower-case spelling.
     */
    @Test
    void the_parser_also_reads_upper_case_spellings_that_the_schema_steers_away_from() throws IOException {
        for (String yaml : List.of("merge: Stacked\n", "sandbox:\n  network: EGRESS\n")) {
            assertThat(parser.parse(yaml)).isInstanceOf(ConfigParse.Parsed.class);
            assertThat(schema().validate(YAML.readTree(yaml))).isNotEmpty();
        }
    }

    private static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(JSON.readTree(DOCS.resolve("clarity.schema.json").toFile()));
    }

    /**
     * The keys Jackson binds for {@code type} and every record below it, as Jackson's own introspection of the
     * records finds them (renames included); a list of records is {@code key[]}.
     */
    private static void recordKeys(String at, Class<?> type, Map<String, TreeSet<String>> keys) {
        TreeSet<String> names = new TreeSet<>();
        var description = YAML.getDeserializationConfig().introspect(YAML.constructType(type));
        for (BeanPropertyDefinition property : description.findProperties()) {
            names.add(property.getName());
            String path = at.isEmpty() ? property.getName() : at + "." + property.getName();
            JavaType child = property.getPrimaryType();
            if (child.getRawClass().isRecord()) {
                recordKeys(path, child.getRawClass(), keys);
            } else if (child.isCollectionLikeType()
                    && child.getContentType().getRawClass().isRecord()) {
                recordKeys(path + "[]", child.getContentType().getRawClass(), keys);
            }
        }
        keys.put(at, names);
    }

    /** The same for the schema: {@code properties} of objects, following {@code $ref} and array {@code items}. */
    private static void schemaKeys(String at, JsonNode node, JsonNode root, Map<String, TreeSet<String>> keys) {
        JsonNode resolved = resolve(node, root);
        JsonNode properties = resolved.path("properties");
        if (properties.isObject()) {
            assertThat(resolved.path("additionalProperties").asBoolean(true))
                    .as("additionalProperties at %s", at)
                    .isFalse();
            keys.put(at, new TreeSet<>(iterable(properties.fieldNames())));
            properties.fields().forEachRemaining(field -> {
                String path = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
                schemaKeys(path, field.getValue(), root, keys);
            });
        }
        JsonNode items = resolved.path("items");
        if (items.isObject() && resolve(items, root).path("properties").isObject()) {
            schemaKeys(at + "[]", items, root, keys);
        }
    }

    private static JsonNode resolve(JsonNode node, JsonNode root) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() ? root.at(ref.asText().substring(1)) : node;
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    /** An enum's words, its {@code null} (an absent value) left out. */
    private static List<String> words(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(word -> {
            if (!word.isNull()) {
                out.add(word.asText());
            }
        });
        assertThat(out).as("an enum in the schema").isNotEmpty();
        return out;
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docs/clarity.schema.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no docs/clarity.schema.json above " + Path.of("").toAbsolutePath());
    }
}
