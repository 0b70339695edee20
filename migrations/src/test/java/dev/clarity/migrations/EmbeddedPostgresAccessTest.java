package dev.clarity.migrations;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may log in to the embedded PostgreSQL: only a client that knows the password in the data directory. */
class EmbeddedPostgresAccessTest {

    @Test
    void a_login_without_the_password_or_with_a_wrong_one_is_refused_while_clarity_connects(@TempDir Path dataDir)
            throws Exception {
        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null)) {
            int port = db.embeddedPort().orElseThrow();

            assertThat(db.isReachable()).isTrue();
            assertThatThrownBy(() -> login(port, null))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no password was provided");
            assertThatThrownBy(() -> login(port, "postgres"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> login(port, ""))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            try (Connection c = login(port, password(dataDir))) {
                assertThat(c.isValid(2)).isTrue();
            }
        }
    }

    @Test
    void the_password_file_is_the_owners_alone_and_no_login_is_trusted(@TempDir Path dataDir) throws Exception {
        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null)) {
            Path file = dataDir.resolve(PostgresPassword.FILE_NAME);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(password(dataDir)).hasSizeGreaterThanOrEqualTo(40);
            assertThat(ClientAuthentication.trustsAnyone(dataDir.resolve("postgres")))
                    .isFalse();
            assertThat(Files.readString(dataDir.resolve("postgres/pg_hba.conf")))
                    .contains("scram-sha-256")
                    .doesNotContainPattern("(?m)^[^#]*\\btrust\\b");
            assertThat(db.dsl().fetchValue("show unix_socket_directories")).isEqualTo("");
        }
    }

    @Test
    void the_server_runs_binaries_from_a_directory_only_its_user_may_write(@TempDir Path dataDir) throws Exception {
        Path binaries = EmbeddedPostgresServer.binariesDirectory();
        Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null)) {
            String pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                    .getFirst()
                    .strip();
            Path executable = Files.readSymbolicLink(Path.of("/proc", pid, "exe"));

            assertThat(executable).startsWith(binaries);
            assertThat(executable.toString()).doesNotStartWith("/tmp/");
            for (Path dir : List.of(binaries, binaries.getParent())) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                        .as(dir.toString())
                        .isEqualTo("rwx------");
            }
        }
    }

    @Test
    void a_durable_server_acknowledges_a_commit_only_once_it_is_on_disk(@TempDir Path dataDir) {
        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, true), 2, null)) {
            assertThat(db.dsl().fetchValue("show synchronous_commit")).isEqualTo("on");
            assertThat(db.dsl().fetchValue("show fsync")).isEqualTo("on");
        }
    }

    @Test
    void a_data_directory_that_trusted_every_login_is_upgraded_on_start_and_keeps_its_rows(@TempDir Path dataDir)
            throws Exception {
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(
                        EmbeddedPostgresServer.binariesDirectory().toFile())
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "''")
                .start()) {
            Database.migrate(old.getPostgresDatabase());
            try (Connection c = old.getPostgresDatabase().getConnection();
                    var s = c.createStatement()) {
                s.execute("insert into customers (name, slug) values ('Kept', 'kept'), ('Also kept', 'also-kept')");
            }
            try (Connection anyone = login(old.getPort(), null)) {
                assertThat(anyone.isValid(2))
                        .as("the old directory trusts every login")
                        .isTrue();
            }
        }
        assertThat(ClientAuthentication.trustsAnyone(dataDir.resolve("postgres")))
                .isTrue();

        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, true), 2, null)) {
            int port = db.embeddedPort().orElseThrow();
            assertThat(db.dsl().fetch(CUSTOMERS).getValues(CUSTOMERS.SLUG))
                    .containsExactlyInAnyOrder("kept", "also-kept");
            assertThatThrownBy(() -> login(port, null)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> login(port, "postgres")).isInstanceOf(SQLException.class);
            assertThat(ClientAuthentication.trustsAnyone(dataDir.resolve("postgres")))
                    .isFalse();
            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(dataDir.resolve(PostgresPassword.FILE_NAME))))
                    .isEqualTo("rw-------");
        }
        // and the next start uses the password it kept
        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, true), 2, null)) {
            assertThat(db.dsl().fetchCount(CUSTOMERS)).isEqualTo(2);
            assertThatThrownBy(() -> login(db.embeddedPort().orElseThrow(), null))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void a_hand_edited_trust_line_is_replaced_on_the_next_start(@TempDir Path dataDir) throws Exception {
        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null)) {
            db.dsl()
                    .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                    .values("A", "a")
                    .execute();
        }
        Files.writeString(dataDir.resolve("postgres/pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");

        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null)) {
            assertThat(db.dsl().fetchCount(CUSTOMERS)).isEqualTo(1);
            assertThatThrownBy(() -> login(db.embeddedPort().orElseThrow(), null))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void a_missing_password_file_stops_the_start_with_a_sentence_saying_what_to_restore(@TempDir Path dataDir)
            throws Exception {
        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null)) {
            assertThat(db.isReachable()).isTrue();
        }
        Files.delete(dataDir.resolve(PostgresPassword.FILE_NAME));

        assertThatThrownBy(() -> Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null))
                .isInstanceOf(DatabaseStartException.class)
                .hasMessageContaining("postgres.password is missing")
                .hasMessageContaining("restore");
    }

    @Test
    void a_password_file_others_could_read_is_narrowed_to_its_owner(@TempDir Path dataDir) throws Exception {
        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null)) {
            assertThat(db.isReachable()).isTrue();
        }
        Path file = dataDir.resolve(PostgresPassword.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        try (Database db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 2, null)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    private static String password(Path dataDir) throws Exception {
        return Files.readString(dataDir.resolve(PostgresPassword.FILE_NAME)).strip();
    }

    /** A login as the superuser over TCP, as any local process could try it. */
    private static Connection login(int port, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }
}
