package dev.clarity.migrations;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.EXECUTION_EVENTS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    record CustomerRow(long id, String name, String slug) {}

    @Test
    void embedded_database_starts_migrates_and_round_trips_a_row_into_a_record(@TempDir Path dataDir) {
        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 4, null)) {
            assertThat(db.schemaVersion()).isEqualTo(latestMigration());
            long id = db.dsl()
                    .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                    .values("Acme", "acme")
                    .returning(CUSTOMERS.ID)
                    .fetchOne(CUSTOMERS.ID);
            CustomerRow row = db.dsl()
                    .select(CUSTOMERS.ID, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                    .from(CUSTOMERS)
                    .where(CUSTOMERS.ID.eq(id))
                    .fetchSingle(r -> r.into(CustomerRow.class));
            assertThat(row).isEqualTo(new CustomerRow(id, "Acme", "acme"));
        }
    }

    @Test
    void data_survives_a_restart_of_the_embedded_server(@TempDir Path dataDir) {
        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, true), 2, null)) {
            db.dsl()
                    .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                    .values("Kept", "kept")
                    .execute();
        }
        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, true), 2, null)) {
            assertThat(db.dsl().fetchCount(CUSTOMERS, CUSTOMERS.SLUG.eq("kept")))
                    .isEqualTo(1);
        }
    }

    @Test
    void a_second_owner_of_the_same_data_directory_is_refused_with_a_clear_message(@TempDir Path dataDir) {
        try (Database first = Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null)) {
            first.dsl()
                    .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                    .values("A", "a")
                    .execute();
            assertThatThrownBy(() -> Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null))
                    .isInstanceOf(DatabaseStartException.class)
                    .hasMessageContaining("is in use by another Clarity process")
                    .hasMessageContaining("CLARITY_DATA_DIR");
            assertThat(first.dsl().fetchCount(CUSTOMERS)).isEqualTo(1);
        }
    }

    @Test
    void the_same_migrations_apply_to_a_separately_started_server_through_a_url(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres other = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(
                                EmbeddedPostgresServer.binariesDirectory().toFile())
                        .setDataDirectory(dir.resolve("pg"))
                        .setCleanDataDirectory(true)
                        .start();
                Database db = Database.open(
                        new DatabaseLocation.External(other.getJdbcUrl("postgres", "postgres"), "postgres", null),
                        2,
                        null)) {
            assertThat(db.schemaVersion()).isEqualTo(latestMigration());
            assertThat(db.embeddedPort()).isEmpty();
            assertThat(db.isReachable()).isTrue();
        }
    }

    @Test
    void enumerations_are_enforced_by_check_constraints(@TempDir Path dataDir) {
        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null)) {
            long customer = db.dsl()
                    .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                    .values("C", "c")
                    .returning(CUSTOMERS.ID)
                    .fetchOne(CUSTOMERS.ID);
            assertThatThrownBy(() -> db.dsl()
                            .insertInto(
                                    PROJECTS,
                                    PROJECTS.CUSTOMER_ID,
                                    PROJECTS.NAME,
                                    PROJECTS.REPOSITORY,
                                    PROJECTS.CLONE_URL,
                                    PROJECTS.MERGE_POLICY)
                            .values(customer, "p", "o/r", "file:///x", "sometimes")
                            .execute())
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("projects_merge_policy_check");
        }
    }

    @Test
    void execution_events_refuse_updates_and_deletes(@TempDir Path dataDir) {
        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null)) {
            var dsl = db.dsl();
            long customer = dsl.insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                    .values("C", "c")
                    .returning(CUSTOMERS.ID)
                    .fetchOne(CUSTOMERS.ID);
            long project = dsl.insertInto(
                            PROJECTS, PROJECTS.CUSTOMER_ID, PROJECTS.NAME, PROJECTS.REPOSITORY, PROJECTS.CLONE_URL)
                    .values(customer, "p", "o/r", "file:///x")
                    .returning(PROJECTS.ID)
                    .fetchOne(PROJECTS.ID);
            long execution = dsl.insertInto(EXECUTIONS, EXECUTIONS.PROJECT_ID, EXECUTIONS.TRIGGER)
                    .values(project, "cli")
                    .returning(EXECUTIONS.ID)
                    .fetchOne(EXECUTIONS.ID);
            dsl.insertInto(
                            EXECUTION_EVENTS,
                            EXECUTION_EVENTS.EXECUTION_ID,
                            EXECUTION_EVENTS.SEQ,
                            EXECUTION_EVENTS.KIND,
                            EXECUTION_EVENTS.MESSAGE,
                            EXECUTION_EVENTS.CHECKSUM)
                    .values(execution, 1L, "log", "hello", "00")
                    .execute();
            assertThatThrownBy(() -> dsl.update(EXECUTION_EVENTS)
                            .set(EXECUTION_EVENTS.MESSAGE, "edited")
                            .execute())
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> dsl.deleteFrom(EXECUTION_EVENTS).execute()).hasMessageContaining("append-only");
        }
    }

    private static String latestMigration() {
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(p -> p.getFileName().toString())
                    .map(n -> n.substring(1, n.indexOf("__")))
                    .max(java.util.Comparator.comparingInt(Integer::parseInt))
                    .orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
