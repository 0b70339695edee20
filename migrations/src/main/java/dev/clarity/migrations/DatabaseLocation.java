package dev.clarity.migrations;

import java.nio.file.Path;
import java.util.Objects;

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
