package dev.clarity.bot.server;

/** What {@code GET /healthz} reports about the database; implemented by the composition root. */
public interface HealthSource {
    boolean databaseReachable();

    /** The Flyway schema version, read when asked. */
    String schemaVersion();
}
