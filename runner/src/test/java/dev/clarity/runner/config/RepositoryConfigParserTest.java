package dev.clarity.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.vocabulary.MergePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryConfigParserTest {
    private final RepositoryConfigParser parser = new RepositoryConfigParser();

    private static final String FULL = """
            tasks: ai_docs/tasks/tasks_list.md
            outcomes: ai_docs/tasks/task_outcomes.md
            merge: stacked
            tools:
              default: aider
              routing:
                - { match: ["refactor", "create module", "multi-file"], tool: claude }
                - { match: ["add test", "update one file"], tool: aider }
                - { match: ["scaffold tests", "generate boilerplate"], tool: ollama }
              aider:   { command: ["aider"], model: "sonnet" }
              claude:  { command: ["claude"] }
              ollama:  { command: ["ollama"], model: "qwen2.5-coder" }
              command: { command: ["./scripts/agent.sh"] }
            sandbox:
              engine: docker
              image: clarity-sandbox:latest
              cpus: 2
              memory: 2g
              network: none
              timeout: 20m
            commands: [mvn, npm, node, python3, pytest, sh]
            checks:
              setup: [["npm", "ci"]]
              build: [["npm", "run", "build"]]
              test:  [["npm", "test"]]
              defaults:
                - { key: test.unit, kind: test, check: cmd, args: ["npm", "test"] }
            gates: ["migration", "secret", "drop table", "rm -rf"]
            """;

    @Test
    void the_design_example_parses_into_every_key() {
        ConfigParse parse = parser.parse(FULL);
        assertThat(parse).isInstanceOf(ConfigParse.Parsed.class);
        RepositoryConfig config = ((ConfigParse.Parsed) parse).config();
        assertThat(config.tasks()).isEqualTo("ai_docs/tasks/tasks_list.md");
        assertThat(config.merge()).isEqualTo(MergePolicy.STACKED);
        assertThat(config.tools().routing()).hasSize(3);
        assertThat(config.tools().routing().get(0).matches("Refactor the cart")).isTrue();
        assertThat(config.tools().command().command()).containsExactly("./scripts/agent.sh");
        assertThat(config.tools().ollama().model()).isEqualTo("qwen2.5-coder");
        assertThat(config.sandbox().memory()).isEqualTo(2L << 30);
        assertThat(config.sandbox().timeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(config.sandbox().network()).isEqualTo(SandboxConfig.Network.NONE);
        assertThat(config.commands()).contains("pytest", "sh");
        assertThat(config.checks().test()).containsExactly(List.of("npm", "test"));
        assertThat(config.checks().defaults().get(0).toCriterion())
                .isEqualTo(new CriterionSpec("test.unit", "test", "cmd", null, List.of("npm", "test"), null));
        assertThat(config.gates()).contains("drop table");
    }

    @Test
    void an_absent_or_empty_file_gives_the_defaults(@TempDir Path repo) throws Exception {
        RepositoryConfig config = ((ConfigParse.Parsed) parser.parse("")).config();
        assertThat(config.merge()).isEqualTo(MergePolicy.STACKED);
        assertThat(config.tools().defaultTool()).isEqualTo("aider");
        assertThat(config.tools().aider().command()).containsExactly("aider");
        assertThat(config.sandbox().engine()).isNull();
        assertThat(config.sandbox().timeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(config.tasksPath(repo)).isEqualTo("tasks_list.md");
        assertThat(config.outcomesPath(repo)).isEqualTo("task_outcomes.md");
        Files.createDirectories(repo.resolve("ai_docs/tasks"));
        Files.writeString(repo.resolve("ai_docs/tasks/tasks_list.md"), "# Tasks\n");
        assertThat(config.tasksPath(repo)).isEqualTo("ai_docs/tasks/tasks_list.md");
        assertThat(config.outcomesPath(repo)).isEqualTo("ai_docs/tasks/task_outcomes.md");
        assertThat(parser.parse("\n")).isEqualTo(new ConfigParse.Parsed(RepositoryConfig.DEFAULT));
    }

    @Test
    void an_unknown_key_is_named_with_its_line() {
        ConfigParse parse = parser.parse("merge: auto\nsandbox:\n  image: x\n  memroy: 2g\n");
        assertThat(parse).isInstanceOfSatisfying(ConfigParse.Invalid.class, invalid -> {
            assertThat(invalid.key()).isEqualTo("sandbox.memroy");
            assertThat(invalid.line()).isEqualTo(4);
            assertThat(invalid.describe()).contains(".clarity.yml line 4, sandbox.memroy: unknown key memroy");
        });
    }

    @Test
    void wrong_types_are_named_with_their_line() {
        assertThat(parser.parse("merge: sometimes\n")).isInstanceOfSatisfying(ConfigParse.Invalid.class, i -> {
            assertThat(i.key()).isEqualTo("merge");
            assertThat(i.line()).isEqualTo(1);
        });
        assertThat(parser.parse("tools:\n  default: aider\nsandbox:\n  timeout: soon\n"))
                .isInstanceOfSatisfying(ConfigParse.Invalid.class, i -> {
                    assertThat(i.key()).isEqualTo("sandbox.timeout");
                    assertThat(i.line()).isEqualTo(4);
                    assertThat(i.message()).contains("20m");
                });
        assertThat(parser.parse("checks:\n  test: {a: 1}\n")).isInstanceOfSatisfying(ConfigParse.Invalid.class, i -> {
            assertThat(i.key()).isEqualTo("checks.test");
            assertThat(i.line()).isEqualTo(2);
        });
        assertThat(parser.parse("sandbox:\n  cpus: many\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class, i -> assertThat(i.key()).isEqualTo("sandbox.cpus"));
    }

    @Test
    void an_unknown_tool_or_engine_is_refused_when_the_file_is_read_naming_the_choices() {
        assertThat(parser.parse("merge: auto\ntools:\n  default: cursor\n"))
                .isInstanceOfSatisfying(ConfigParse.Invalid.class, i -> {
                    assertThat(i.key()).isEqualTo("tools");
                    assertThat(i.line()).isEqualTo(2);
                    assertThat(i.message())
                            .isEqualTo("tools.default is cursor, which is not a tool"
                                    + " (expected aider, claude, codex, ollama or command)");
                });
        assertThat(parser.parse("tools:\n  routing:\n    - { match: x, tool: vim }\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class, i -> assertThat(i.message()).contains("vim, which is not a tool"));
        assertThat(parser.parse("tools:\n  routing:\n    - { match: x }\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class,
                        i -> assertThat(i.message()).contains("tools.routing[].tool is missing"));
        assertThat(parser.parse("sandbox:\n  engine: kubernetes\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class,
                        i -> assertThat(i.message())
                                .isEqualTo("sandbox.engine is kubernetes (expected docker or process)"));
        assertThat(parser.parse("commands: [make, null]\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class,
                        i -> assertThat(i.message()).isEqualTo("a list holds an empty value"));
    }

    @Test
    void a_merge_policy_is_read_in_any_case_and_a_wrong_one_names_the_choices() {
        assertThat(((ConfigParse.Parsed) parser.parse("merge: Wait\n")).config().merge())
                .isEqualTo(MergePolicy.WAIT);
        assertThat(((ConfigParse.Parsed) parser.parse("merge: AUTO\n")).config().merge())
                .isEqualTo(MergePolicy.AUTO);
        assertThat(parser.parse("merge: sometimes\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class,
                        i -> assertThat(i.describe())
                                .isEqualTo(
                                        ".clarity.yml line 1, merge: wrong value sometimes (expected one of stacked, auto, wait)"));
        assertThat(parser.parse("merge: 1\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class,
                        i -> assertThat(i.message()).isEqualTo("wrong value 1 (expected one of stacked, auto, wait)"));
    }

    @Test
    void a_single_command_string_is_accepted_as_a_list() {
        RepositoryConfig config = ((ConfigParse.Parsed) parser.parse("commands: make\n")).config();
        assertThat(config.commands()).containsExactly("make");
    }

    @Test
    void protect_globs_and_risk_rules_are_read_with_their_defaults() {
        RepositoryConfig none = ((ConfigParse.Parsed) parser.parse("")).config();
        assertThat(none.protect()).isEmpty();
        assertThat(none.risk()).isEqualTo(new RiskConfig(true, true, 0.5, 20, true));

        RepositoryConfig config = ((ConfigParse.Parsed) parser.parse(
                        "protect: [\"docs/**\", deploy/]\nrisk:\n  migrations: false\n  deletion_share: 0.8\n"))
                .config();
        assertThat(config.protect()).containsExactly("docs/**", "deploy/");
        assertThat(config.risk().migrations()).isFalse();
        assertThat(config.risk().destructiveSql()).isTrue();
        assertThat(config.risk().deletionShare()).isEqualTo(0.8);
        ProtectedGlobs globs = new ProtectedGlobs(config.protect());
        assertThat(globs.matches("docs/a/b.md")).isTrue();
        assertThat(globs.matches("deploy/prod.yml")).isTrue();
        assertThat(globs.matches("src/docs.md")).isFalse();
    }

    @Test
    void bad_protect_and_risk_values_are_named_with_their_line() {
        assertThat(parser.parse("merge: stacked\nprotect:\n  - docs/**\n  - ../secrets\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class,
                        i -> assertThat(i.describe())
                                .isEqualTo(
                                        ".clarity.yml line 4, protect[1]: protect glob ../secrets leaves the repository"
                                                + " (..)"));
        assertThat(parser.parse("protect: [\"/etc/**\"]\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class,
                        i -> assertThat(i.describe())
                                .startsWith(".clarity.yml line 1, protect[0]: protect glob /etc/** must be relative"));
        assertThat(parser.parse("protect: [\"src/[a\"]\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class,
                        i -> assertThat(i.describe()).contains("protect[0]: protect glob src/[a is not a valid glob"));
        assertThat(parser.parse("merge: stacked\nrisk:\n  deletion_share: 2\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class,
                        i -> assertThat(i.describe())
                                .startsWith(
                                        ".clarity.yml line 2, risk: risk.deletion_share must be a share above 0 and at"
                                                + " most 1"));
        assertThat(parser.parse("risk:\n  credentials: sometimes\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class,
                        i -> assertThat(i.describe()).startsWith(".clarity.yml line 2, risk.credentials:"));
        assertThat(parser.parse("risk:\n  migratons: false\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class,
                        i -> assertThat(i.describe())
                                .isEqualTo(".clarity.yml line 2, risk.migratons: unknown key migratons"));
    }

    @Test
    void budgets_are_read_exactly_and_a_wrong_one_is_named_with_its_key_and_line() {
        RepositoryConfig config = ((ConfigParse.Parsed)
                        parser.parse(
                                "budget:\n  item: { tokens: 200000, money: 2.10, wall_time: 45m }\n  execution: { money: \"0.3\" }\n"))
                .config();
        assertThat(config.budget().item().tokens()).isEqualTo(200_000L);
        assertThat(config.budget().item().money()).isEqualByComparingTo("2.10");
        assertThat(config.budget().item().wallTime()).isEqualTo(Duration.ofMinutes(45));
        assertThat(config.budget().execution().money()).isEqualByComparingTo(new java.math.BigDecimal("0.3"));
        assertThat(config.budget().execution().tokens()).isNull();
        assertThat(RepositoryConfig.DEFAULT.budget().item()).isEqualTo(BudgetLimits.NONE);
        assertThat(parser.parse("gates: []\nbudget:\n  item:\n    tokens: -5\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class,
                        i -> assertThat(i.describe())
                                .isEqualTo(
                                        ".clarity.yml line 3, budget.item: a token budget is a positive number of tokens,"
                                                + " not -5"));
        assertThat(parser.parse("budget:\n  item: { money: lots }\n"))
                .isInstanceOfSatisfying(
                        ConfigParse.Invalid.class,
                        i -> assertThat(i.describe())
                                .isEqualTo(
                                        ".clarity.yml line 2, budget.item.money: wrong value lots (expected a number)"));
    }
}
