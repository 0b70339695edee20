package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_MEMBERS;

import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jooq.DSLContext;

/**
 * One dashboard for the whole test run: a real embedded PostgreSQL, the real {@link DashboardFeature} on a real
 * Javalin server (random port), the fake controls, and seeded data — customers Acme and Globex, one project each,
 * one execution each, and one account per role (client "carol" belongs to Globex; team member "tom" is a member of
 * both projects, so he reaches them and their executions). Stopped when the JVM exits.
 */
final class TestDashboard {
    private static TestDashboard shared;

    final Database database;
    final FakeExecutionControls controls;
    final DashboardFeature feature;
    final Javalin app;
    final Map<String, String> passwords = new HashMap<>();
    /** What the runner panel shows; tests set it (the live poll reads it every 250 ms). */
    final java.util.concurrent.atomic.AtomicReference<java.util.List<dev.clarity.dashboard.executions.RunnerSlot>>
            runners = new java.util.concurrent.atomic.AtomicReference<>(java.util.List.of());

    final long acme;
    final long globex;
    final long acmeProject;
    final long globexProject;
    final long acmeExecution;
    final long globexExecution;
    final long globexInvoice;
    final long acmeDraft;
    final dev.clarity.testkit.quickbooks.FakeQuickBooks quickBooks;
    /** The secrets key of this dashboard: it seals provider keys, QuickBooks tokens and queued mail. */
    final dev.clarity.crm.secrets.AesGcmSealer sealer;

    static synchronized TestDashboard shared() {
        if (shared == null) {
            shared = new TestDashboard();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    private TestDashboard() {
        quickBooks = dev.clarity.testkit.quickbooks.FakeQuickBooks.start();
        try {
            int port = freePort();
            Path dir = Files.createTempDirectory("clarity-dashboard-test");
            database = Database.open(new DatabaseLocation.Embedded(dir, false), 8, null);
            DSLContext dsl = database.dsl();
            controls = new FakeExecutionControls(dsl);
            sealer = dev.clarity.crm.secrets.AesGcmSealer.fromKeyOrFile(
                    java.util.Optional.empty(),
                    dir.resolve("secrets/provider-keys.key"),
                    new java.security.SecureRandom());
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dashboard-live");
                t.setDaemon(true);
                return t;
            });
            feature = new DashboardFeature(
                    dsl,
                    controls,
                    InstantSource.system(),
                    Path.of("target", "jte-classes"),
                    scheduler,
                    DashboardOptions.defaults()
                            .withRunners(runners::get)
                            .withSealer(sealer)
                            .withQuickBooks(java.util.Optional.of(quickBooksSettings(port))));
            acme = customer(dsl, "Acme Corp", "acme");
            globex = customer(dsl, "Globex", "globex");
            acmeProject = project(dsl, acme, "Shop", "acme/shop");
            globexProject = project(dsl, globex, "Site", "globex/site");
            account("root", "admin", null);
            account("mia", "manager", null);
            account("tom", "team_member", null);
            account("carol", "client", "globex");
            member(dsl, "tom", acmeProject);
            member(dsl, "tom", globexProject);
            BillingSeed.manage(dsl, globex, "mia");
            acmeExecution = ((dev.clarity.dashboard.controls.ControlOutcome.Accepted)
                            controls.start(new dev.clarity.dashboard.controls.StartRequest(
                                    acmeProject,
                                    new dev.clarity.dashboard.controls.Actor("root", "cli"),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null)))
                    .executionId();
            controls.advance(acmeExecution, "1.1", "Add the cart model", "aider: editing src/cart.js");
            globexExecution = ((dev.clarity.dashboard.controls.ControlOutcome.Accepted)
                            controls.start(new dev.clarity.dashboard.controls.StartRequest(
                                    globexProject,
                                    new dev.clarity.dashboard.controls.Actor("root", "cli"),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null)))
                    .executionId();
            controls.advance(globexExecution, "2.1", "Landing page", "secret-free tool output");
            controls.finishItem(globexExecution, "2.1", "https://github.com/globex/site/pull/7");
            BillingSeed billing = BillingSeed.seed(dsl, acme, globex, acmeProject, globexProject);
            globexInvoice = billing.globexInvoice();
            acmeDraft = billing.acmeDraft();
            app = Javalin.create(config -> {
                        config.jetty.host = "127.0.0.1";
                        config.jetty.port = port;
                        config.startup.showJavalinBanner = false;
                        feature.contribute(config);
                    })
                    .start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Creating a temporary data directory", e);
        }
    }

    /**
     * QuickBooks is the fake; its consent redirects to this dashboard's own callback, so the settings name the port
     * the dashboard will listen on (chosen before it starts, as a registered redirect URI is fixed in advance).
     */
    private dev.clarity.crm.quickbooks.QuickBooksSettings quickBooksSettings(int port) {
        return dev.clarity.crm.quickbooks.QuickBooksSettings.at(
                quickBooks.url(),
                dev.clarity.testkit.quickbooks.FakeQuickBooks.CLIENT_ID,
                dev.clarity.testkit.quickbooks.FakeQuickBooks.CLIENT_SECRET,
                java.net.URI.create("http://127.0.0.1:" + port + "/settings/quickbooks/callback"),
                dev.clarity.testkit.quickbooks.FakeQuickBooks.VERIFIER_TOKEN);
    }

    /** A port free now; the dashboard binds it moments later (another process taking it first fails loudly). */
    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    int port() {
        return app.port();
    }

    /**
     * An account that has already replaced its one-time password (as everyone does at their first sign-in), so that
     * route tests sign in straight to the page they ask for.
     */
    void account(String login, String role, String customer) {
        AccountOutcome.Created o = (AccountOutcome.Created) feature.accounts().add(login, role, customer);
        String chosen = login + "-chosen-password";
        feature.accounts().changePassword(o.personId(), o.oneTimePassword(), chosen, chosen, null);
        passwords.put(login, chosen);
    }

    /** Makes {@code login} a member of {@code project} (a team member reaches only such projects). */
    static void member(DSLContext dsl, String login, long project) {
        dsl.insertInto(PROJECT_MEMBERS)
                .set(PROJECT_MEMBERS.PROJECT_ID, project)
                .set(
                        PROJECT_MEMBERS.PERSON_ID,
                        dsl.select(PEOPLE.ID)
                                .from(PEOPLE)
                                .where(PEOPLE.LOGIN.eq(login))
                                .fetchSingle(PEOPLE.ID))
                .onConflictDoNothing()
                .execute();
    }

    static long customer(DSLContext dsl, String name, String slug) {
        return dsl.insertInto(CUSTOMERS)
                .set(CUSTOMERS.NAME, name)
                .set(CUSTOMERS.SLUG, slug)
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
    }

    static long project(DSLContext dsl, long customer, String name, String repo) {
        return dsl.insertInto(PROJECTS)
                .set(PROJECTS.CUSTOMER_ID, customer)
                .set(PROJECTS.NAME, name)
                .set(PROJECTS.REPOSITORY, repo)
                .set(PROJECTS.CLONE_URL, "https://github.com/" + repo + ".git")
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
    }

    /** A 30-minute time record of {@code person} on {@code project}, started at {@code start}. */
    static long timeRecord(DSLContext dsl, long person, long project, String start) {
        return dsl.insertInto(dev.clarity.migrations.jooq.Tables.TIME_RECORDS)
                .set(dev.clarity.migrations.jooq.Tables.TIME_RECORDS.PERSON_ID, person)
                .set(dev.clarity.migrations.jooq.Tables.TIME_RECORDS.PROJECT_ID, project)
                .set(
                        dev.clarity.migrations.jooq.Tables.TIME_RECORDS.STARTED_AT,
                        java.time.OffsetDateTime.parse(start.replace("Z", "+00:00")))
                .set(dev.clarity.migrations.jooq.Tables.TIME_RECORDS.SECONDS, 1800L)
                .set(dev.clarity.migrations.jooq.Tables.TIME_RECORDS.BILLABLE_SECONDS, 1800L)
                .set(dev.clarity.migrations.jooq.Tables.TIME_RECORDS.BILLABLE, true)
                .returning(dev.clarity.migrations.jooq.Tables.TIME_RECORDS.ID)
                .fetchOne(dev.clarity.migrations.jooq.Tables.TIME_RECORDS.ID);
    }

    /** A started execution of {@code project} that failed just now: on the grid, in the history, among the notices. */
    long failedExecution(long project) {
        long id = ((dev.clarity.dashboard.controls.ControlOutcome.Accepted)
                        controls.start(new dev.clarity.dashboard.controls.StartRequest(
                                project,
                                new dev.clarity.dashboard.controls.Actor("root", "cli"),
                                null,
                                null,
                                null,
                                null,
                                null)))
                .executionId();
        database.dsl()
                .update(EXECUTIONS)
                .set(EXECUTIONS.BADGE, "FAILED")
                .set(EXECUTIONS.FINISHED_AT, java.time.OffsetDateTime.now())
                .set(EXECUTIONS.UPDATED_AT, java.time.OffsetDateTime.now())
                .where(EXECUTIONS.ID.eq(id))
                .execute();
        return id;
    }

    String badge(long execution) {
        return database.dsl()
                .select(EXECUTIONS.BADGE)
                .from(EXECUTIONS)
                .where(EXECUTIONS.ID.eq(execution))
                .fetchOne(EXECUTIONS.BADGE);
    }

    private void stop() {
        feature.close();
        app.stop();
        quickBooks.close();
        database.close();
    }
}
