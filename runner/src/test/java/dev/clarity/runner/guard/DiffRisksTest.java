package dev.clarity.runner.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.runner.api.Risk;
import dev.clarity.runner.config.RiskConfig;
import dev.clarity.runner.redaction.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DiffRisksTest {
    private static String added(String path, String... lines) {
        StringBuilder d = new StringBuilder("diff --git a/" + path + " b/" + path + "\nnew file mode 100644\n"
                + "--- /dev/null\n+++ b/" + path + "\n@@ -0,0 +1," + lines.length + " @@\n");
        for (String l : lines) {
            d.append('+').append(l).append('\n');
        }
        return d.toString();
    }

    private static List<String> rules(String diff) {
        return DiffRisks.assess(diff, RiskConfig.DEFAULT, p -> Optional.empty(), Redactor.builtIn(), p -> false)
                .stream()
                .map(Risk::rule)
                .toList();
    }

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("db/migrate/20240101_add_users.rb", true),
                Arguments.of("src/main/resources/db/migration/V2__orders.sql", true),
                Arguments.of("app/migrations/0002_auto.py", true),
                Arguments.of("prisma/migrations/20240101/migration.sql", true),
                Arguments.of("alembic/versions/abc123_add.py", true),
                Arguments.of("src/migrate.py", false),
                Arguments.of("docs/versions/1.md", false),
                Arguments.of("src/main/java/Migrations.java", false));
    }

    @ParameterizedTest(name = "{0} is a migration: {1}")
    @MethodSource("layouts")
    void migrations_are_found_in_the_common_layouts(String path, boolean migration) {
        assertThat(rules(added(path, "x")).contains("migration")).isEqualTo(migration);
    }

    @Test
    void destructive_sql_on_added_lines_is_found_and_a_delete_with_where_is_not() {
        assertThat(rules(added("a.sql", "drop   table users;"))).containsExactly("destructive-sql");
        assertThat(rules(added("a.sql", "TRUNCATE TABLE orders;"))).containsExactly("destructive-sql");
        assertThat(rules(added("a.py", "db.run('DROP DATABASE shop')"))).containsExactly("destructive-sql");
        assertThat(rules(added("a.sql", "DELETE FROM orders;"))).containsExactly("destructive-sql");
        assertThat(rules(added("a.sql", "DELETE FROM orders WHERE id = 1;"))).isEmpty();
        assertThat(rules(added("a.md", "We never truncate."))).isEmpty();
        String removed =
                "diff --git a/a.sql b/a.sql\n--- a/a.sql\n+++ b/a.sql\n@@ -1 +1 @@\n-DROP TABLE x;\n+SELECT 1;\n";
        assertThat(rules(removed)).as("a removed line is not added").isEmpty();
    }

    @Test
    void a_big_deletion_counts_the_lines_of_the_file_at_the_base() {
        String diff =
                "diff --git a/big.txt b/big.txt\n--- a/big.txt\n+++ b/big.txt\n@@ -1,30 +1,2 @@\n" + "-x\n".repeat(28);
        byte[] thirty = "l\n".repeat(30).getBytes(StandardCharsets.UTF_8);
        byte[] hundred = "l\n".repeat(100).getBytes(StandardCharsets.UTF_8);

        assertThat(DiffRisks.assess(diff, RiskConfig.DEFAULT, p -> Optional.of(thirty), Redactor.builtIn(), p -> false))
                .extracting(Risk::describe)
                .containsExactly("big.txt (deletion: deletes 28 of its 30 lines (more than 50 %))");
        assertThat(DiffRisks.assess(
                        diff, RiskConfig.DEFAULT, p -> Optional.of(hundred), Redactor.builtIn(), p -> false))
                .isEmpty();
        assertThat(DiffRisks.assess(
                        diff,
                        new RiskConfig(null, null, 1.0, null, null),
                        p -> Optional.of(thirty),
                        Redactor.builtIn(),
                        p -> false))
                .as("a share of 1 turns the rule off")
                .isEmpty();
    }

    @Test
    void a_credential_is_named_without_being_repeated_and_clarity_files_are_not_read() {
        List<Risk> risks = DiffRisks.assess(
                added("settings.py", "AWS = 'AKIAQWERTYUIOPASDFGH'"),
                RiskConfig.DEFAULT,
                p -> Optional.empty(),
                Redactor.builtIn(),
                p -> false);

        assertThat(risks).extracting(Risk::describe).containsExactly("settings.py (credential: adds a credential)");
        assertThat(DiffRisks.assess(
                        added("tasks_list.md", "DROP TABLE in a title"),
                        RiskConfig.DEFAULT,
                        p -> Optional.empty(),
                        Redactor.builtIn(),
                        "tasks_list.md"::equals))
                .isEmpty();
    }
}
