package dev.clarity.crm;

import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One embedded PostgreSQL with every migration for the module's tests, stopped when the JVM exits. */
public final class CrmDatabase {
    private static Database shared;

    private CrmDatabase() {}

    public static synchronized Database shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("clarity-crm-test");
                shared = Database.open(new DatabaseLocation.Embedded(dir, false), 8, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Database db = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(db::close));
        }
        return shared;
    }
}
