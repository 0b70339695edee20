package dev.clarity.benchmarks.kit;

import dev.clarity.dashboard.DashboardFeature;
import dev.clarity.dashboard.DashboardOptions;
import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jooq.DSLContext;

/**
 * An embedded PostgreSQL (migrated, empty) and, once {@link #start()} is called, the dashboard served on a free local
 * port with controls that refuse everything. Seed through {@link #dsl()} before or after starting. Closing stops the
 * server and deletes nothing the operating system's temporary directory would not.
 */
public final class BenchServer implements AutoCloseable {
    private final Path dir;
    private final Database db;
    private final ScheduledExecutorService scheduler;
    private DashboardFeature feature;
    private Javalin app;

    private BenchServer(Path dir, Database db, ScheduledExecutorService scheduler) {
        this.dir = dir;
        this.db = db;
        this.scheduler = scheduler;
    }

    /** A fresh migrated database in a new temporary directory named after {@code name}. */
    public static BenchServer open(String name) throws IOException {
        Path dir = Files.createTempDirectory("clarity-" + name + "-bench");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-live");
            t.setDaemon(true);
            return t;
        });
        return new BenchServer(dir, Database.open(new DatabaseLocation.Embedded(dir, false), 8, null), scheduler);
    }

    public DSLContext dsl() {
        return db.dsl();
    }

    /** The dashboard's feature, built once; accounts can be added before the server starts. */
    public DashboardFeature feature() {
        if (feature == null) {
            feature = new DashboardFeature(
                    db.dsl(),
                    new Refusing(),
                    InstantSource.system(),
                    dir.resolve("jte"),
                    scheduler,
                    DashboardOptions.defaults());
        }
        return feature;
    }

    /** Starts serving; returns the base URL, {@code http://127.0.0.1:port}. */
    public String start() {
        DashboardFeature f = feature();
        app = Javalin.create(c -> {
                    c.jetty.host = "127.0.0.1";
                    c.jetty.port = 0;
                    c.startup.showJavalinBanner = false;
                    f.contribute(c);
                })
                .start();
        return "http://127.0.0.1:" + app.port();
    }

    /** Adds an account and returns an API token for it ({@code customer} is the slug a client belongs to, or null). */
    public String token(String login, String role, String customer) {
        AccountOutcome.Created c = (AccountOutcome.Created) feature().accounts().add(login, role, customer);
        // a token of an account still on its one-time password is suspended: choose one first, as a person would
        String chosen = "bench-password-" + login;
        feature().accounts().changePassword(c.personId(), c.oneTimePassword(), chosen, chosen, null);
        return feature().sessions().issueApiToken(c.personId(), "bench");
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        if (feature != null) {
            feature.close();
        }
        scheduler.shutdownNow();
        db.close();
    }
}
