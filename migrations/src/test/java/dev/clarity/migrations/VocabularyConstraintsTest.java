package dev.clarity.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.tasks.ItemKind;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Step;
import dev.clarity.vocabulary.Tool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema's CHECK constraints are the source of truth for the stored words; the enums spell them in Java. Read from
 * the catalog of the migrated database, each vocabulary column's constraint lists exactly the enum's spellings.
 */
class VocabularyConstraintsTest {
    private static final Pattern SQL_STRING = Pattern.compile("'((?:[^']|'')*)'");

    @TempDir
    static Path dataDir;

    static Database db;

    @BeforeAll
    static void start() {
        db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static Stream<Arguments> columns() {
        List<String> badges = Badge.spellings();
        List<String> steps = Arrays.stream(Step.values()).map(Step::name).toList();
        List<String> policies = MergePolicy.spellings();
        List<String> tools = Tool.spellings();
        List<String> kinds =
                Arrays.stream(ItemKind.values()).map(ItemKind::spelling).toList();
        return Stream.of(
                Arguments.of("executions", "badge", badges),
                Arguments.of("executions", "current_step", steps),
                Arguments.of("task_runs", "step", steps),
                Arguments.of("projects", "merge_policy", policies),
                Arguments.of("executions", "merge_policy", policies),
                Arguments.of("projects", "default_tool", tools),
                Arguments.of("task_runs", "tool", tools),
                Arguments.of("executions", "current_kind", kinds));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("columns")
    void the_check_constraint_of_a_vocabulary_column_allows_exactly_the_enum_s_spellings(
            String table, String column, List<String> spellings) {
        List<String> definitions = db.dsl().resultQuery("""
                        select pg_get_constraintdef(c.oid)
                        from pg_constraint c
                        join pg_class t on t.oid = c.conrelid
                        join pg_namespace n on n.oid = t.relnamespace and n.nspname = current_schema()
                        join pg_attribute a on a.attrelid = t.oid and a.attnum = c.conkey[1]
                        where c.contype = 'c' and cardinality(c.conkey) = 1 and t.relname = ? and a.attname = ?
                        """, table, column).fetch(0, String.class);
        assertThat(definitions).as("CHECK constraints on %s.%s", table, column).hasSize(1);
        assertThat(literals(definitions.getFirst()))
                .as("%s.%s allows", table, column)
                .containsExactlyInAnyOrderElementsOf(spellings);
    }

    /** The string literals of a constraint definition, e.g. {@code CHECK (badge = ANY (ARRAY['QUEUED'::…, …]))}. */
    private static List<String> literals(String definition) {
        List<String> out = new ArrayList<>();
        Matcher m = SQL_STRING.matcher(definition);
        while (m.find()) {
            out.add(m.group(1).replace("''", "'"));
        }
        return out;
    }
}
