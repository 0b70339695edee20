package dev.clarity.migrations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where Clarity's PostgreSQL is: started by Clarity inside its data directory, or a server it connects to. */
public sealed interface DatabaseLocation {

    /**
     * A PostgreSQL that Clarity starts itself, with its files under {@code dataDir/postgres} and its superuser's
     * password in {@code dataDir/postgres.password}.
     *
     * @param durable whether a commit is on disk before it is acknowledged ({@code fsync} and
     *     {@code synchronous_commit} on; on for {@code serve}; tests may turn it off for speed)
     */
    record Embedded(Path dataDir, boolean durable) implements DatabaseLocation {
        public Embedded {
            Objects.requireNonNull(dataDir, "dataDir");
        }

        /** The superuser's password once the server has made it (so the redactor can hide it), else empty. */
        public Optional<String> password() {
            try {
                Path file = dataDir.resolve(PostgresPassword.FILE_NAME);
                return Files.isRegularFile(file)
                        ? Optional.of(Files.readString(file).strip())
                        : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    /** An existing PostgreSQL server; {@code jdbcUrl} starts with {@code jdbc:postgresql://}. */
    record External(String jdbcUrl, String user, String password) implements DatabaseLocation {
        public External {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        }

        @Override
        public String toString() {
            return "External[" + jdbcUrl + ", user=" + user + "]";
        }
    }
}
