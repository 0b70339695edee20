package dev.clarity.migrations;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clarity's database, ready to use: the server (embedded or external), one HikariCP pool, the migrations
 * applied, and the single {@link DSLContext} the rest of the application shares. Thread-safe; close it once
 * on shutdown (it stops an embedded server and leaves no PostgreSQL process behind).
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final EmbeddedPostgresServer embedded;
    private final DatabaseLocation location;

    private Database(
            HikariDataSource pool, DSLContext dsl, EmbeddedPostgresServer embedded, DatabaseLocation location) {
        this.pool = pool;
        this.dsl = dsl;
        this.embedded = embedded;
        this.location = location;
    }

    /**
     * Starts or connects to the database and applies every pending migration.
     *
     * @param metrics where the pool reports its gauges, or {@code null}
     * @throws DatabaseStartException with a sentence for the user when the database cannot be made ready
     */
    public static Database open(DatabaseLocation location, int poolSize, MeterRegistry metrics) {
        EmbeddedPostgresServer embedded = null;
        String url;
        String user;
        String password;
        switch (location) {
            case DatabaseLocation.Embedded e -> {
                embedded = EmbeddedPostgresServer.start(e.dataDir(), e.durable());
                url = embedded.jdbcUrl();
                user = "postgres";
                password = embedded.password();
            }
            case DatabaseLocation.External x -> {
                url = x.jdbcUrl();
                user = x.user();
                password = x.password();
            }
        }
        HikariDataSource pool = null;
        try {
            pool = createPool(url, user, password, poolSize, metrics);
            migrate(pool);
            DSLContext dsl = DSL.using(
                    pool,
                    SQLDialect.POSTGRES,
                    new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED));
            return new Database(pool, dsl, embedded, location);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            if (e instanceof DatabaseStartException) {
                throw e;
            }
            throw new DatabaseStartException(
                    "Preparing the database at " + redactUrl(url) + " did not succeed: " + firstLine(e.getMessage()),
                    e);
        }
    }

    /**
     * As {@link #open}, except that an embedded database another Clarity process (a running {@code serve}) owns is
     * joined rather than refused: the connection goes to that process's PostgreSQL with the password from the data
     * directory, nothing is started, and no migration runs (the schema is the owner's). For commands that only need
     * the database ({@code users}, a hand-over of {@code run}); closing it closes only the connections.
     */
    public static Database openBeside(DatabaseLocation location, int poolSize, MeterRegistry metrics) {
        if (location instanceof DatabaseLocation.Embedded e) {
            Optional<String> url = EmbeddedPostgresServer.runningElsewhere(e.dataDir());
            Optional<String> password = e.password();
            if (url.isPresent() && password.isPresent()) {
                HikariDataSource pool = createPool(url.get(), "postgres", password.get(), poolSize, metrics);
                DSLContext dsl = DSL.using(
                        pool,
                        SQLDialect.POSTGRES,
                        new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED));
                return new Database(pool, dsl, null, location);
            }
        }
        return open(location, poolSize, metrics);
    }

    /** Whether this handle joined a database another process owns ({@link #openBeside}). */
    public boolean joined() {
        return embedded == null && location instanceof DatabaseLocation.Embedded;
    }

    /** Applies pending migrations on a data source and returns the schema version afterwards. */
    public static String migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            log.info(
                    "Applied {} migration(s); schema version is now {}",
                    result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
        return Optional.ofNullable(flyway.info().current())
                .map(MigrationInfo::getVersion)
                .map(Object::toString)
                .orElse("0");
    }

    private static HikariDataSource createPool(
            String url, String user, String password, int poolSize, MeterRegistry metrics) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("clarity");
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(Math.max(2, poolSize)); // Flyway holds two connections while migrating
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        config.setInitializationFailTimeout(Duration.ofSeconds(10).toMillis());
        if (metrics != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseStartException(
                    "Connecting to PostgreSQL at " + redactUrl(url)
                            + " did not succeed (" + e.getMessage() + "); check CLARITY_DATABASE_URL"
                            + " (for example postgresql://clarity:secret@localhost:5432/clarity).",
                    e);
        }
    }

    public DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return pool;
    }

    public DatabaseLocation location() {
        return location;
    }

    /** The port of the embedded server, when there is one (for diagnostics and tests). */
    public Optional<Integer> embeddedPort() {
        return Optional.ofNullable(embedded).map(EmbeddedPostgresServer::port);
    }

    /** The Flyway version of the schema, read from the database each time. */
    public String schemaVersion() {
        return dsl.fetchOptional(
                        "select version from flyway_schema_history where success order by installed_rank desc limit 1")
                .map(r -> r.get(0, String.class))
                .orElse("0");
    }

    /** True when a connection can be taken and a trivial query answers. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static String redactUrl(String url) {
        return url == null
                ? "(none)"
                : url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//[^/@]*@", "//***@");
    }
}
