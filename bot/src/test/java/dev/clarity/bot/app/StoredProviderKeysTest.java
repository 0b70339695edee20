package dev.clarity.bot.app;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.orchestrator.ExecutionLoop;
import dev.clarity.bot.orchestrator.JooqExecutionStore;
import dev.clarity.crm.secrets.AesGcmSealer;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.dashboard.keys.KeyChange;
import dev.clarity.dashboard.keys.KeyOwner;
import dev.clarity.dashboard.keys.ProviderKeyStore;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.runner.gateway.EnvironmentProviderKeys;
import dev.clarity.runner.gateway.Provider;
import dev.clarity.runner.gateway.Upstream;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process gateway's keys: the project's, else its customer's, else Clarity's environment. */
class StoredProviderKeysTest {
    @TempDir
    static Path dataDir;

    static Database db;

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));
    final InstantSource clock = () -> now.get();
    final Map<String, String> environment = Map.of("ANTHROPIC_API_KEY", "sk-ant-from-the-environment");

    @BeforeAll
    static void start() {
        db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 4, null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void a_step_uses_its_projects_key_else_its_customers_else_the_environment() {
        ProviderKeyStore keys = new ProviderKeyStore(db.dsl(), sealer(), clock);
        long acme = customer("acme");
        long shop = project(acme, "acme/shop");
        long blog = project(acme, "acme/blog");
        long other = project(customer("other"), "other/site");
        StoredProviderKeys stored =
                new StoredProviderKeys(db.dsl(), keys, new EnvironmentProviderKeys(environment), environment, clock);
        String shopStep = ExecutionLoop.workspaceId(enqueue(shop));
        String blogStep = ExecutionLoop.workspaceId(enqueue(blog));
        String otherStep = ExecutionLoop.workspaceId(enqueue(other));

        assertThat(keys.set(
                        new KeyOwner(KeyOwner.Kind.CUSTOMER, acme, null),
                        dev.clarity.dashboard.keys.Provider.ANTHROPIC,
                        "sk-ant-customer-acme-1234",
                        "admin"))
                .isInstanceOf(KeyChange.class);
        keys.set(
                new KeyOwner(KeyOwner.Kind.PROJECT, shop, null),
                dev.clarity.dashboard.keys.Provider.ANTHROPIC,
                "sk-ant-project-shop-5678",
                "admin");
        keys.set(
                new KeyOwner(KeyOwner.Kind.PROJECT, shop, null),
                dev.clarity.dashboard.keys.Provider.OLLAMA,
                "http://gpu-box.internal:11434",
                "admin");

        assertThat(stored.upstream(Provider.ANTHROPIC, shopStep).flatMap(Upstream::key))
                .contains("sk-ant-project-shop-5678");
        assertThat(stored.upstream(Provider.ANTHROPIC, shopStep).map(Upstream::baseUrl))
                .contains(URI.create("https://api.anthropic.com"));
        assertThat(stored.upstream(Provider.ANTHROPIC, blogStep).flatMap(Upstream::key))
                .contains("sk-ant-customer-acme-1234");
        assertThat(stored.upstream(Provider.ANTHROPIC, otherStep).flatMap(Upstream::key))
                .contains("sk-ant-from-the-environment");
        assertThat(stored.upstream(Provider.ANTHROPIC, "not-an-execution").flatMap(Upstream::key))
                .contains("sk-ant-from-the-environment");
        assertThat(stored.upstream(Provider.OLLAMA, shopStep).map(Upstream::baseUrl))
                .contains(URI.create("http://gpu-box.internal:11434"));
        assertThat(stored.upstream(Provider.OPENAI, shopStep)).isEqualTo(Optional.empty());
    }

    @Test
    void a_key_set_while_steps_run_reaches_their_requests_once_the_kept_answer_expires() {
        ProviderKeyStore keys = new ProviderKeyStore(db.dsl(), sealer(), clock);
        long project = project(customer("later"), "later/app");
        String step = ExecutionLoop.workspaceId(enqueue(project));
        StoredProviderKeys stored =
                new StoredProviderKeys(db.dsl(), keys, new EnvironmentProviderKeys(environment), environment, clock);
        assertThat(stored.upstream(Provider.ANTHROPIC, step).flatMap(Upstream::key))
                .contains("sk-ant-from-the-environment");

        keys.set(
                new KeyOwner(KeyOwner.Kind.PROJECT, project, null),
                dev.clarity.dashboard.keys.Provider.ANTHROPIC,
                "sk-ant-set-later-9012",
                "admin");
        now.set(now.get().plus(StoredProviderKeys.KEEP).plus(Duration.ofSeconds(1)));

        assertThat(stored.upstream(Provider.ANTHROPIC, step).flatMap(Upstream::key))
                .contains("sk-ant-set-later-9012");
    }

    private static AesGcmSealer sealer() {
        return AesGcmSealer.fromKeyOrFile(
                Optional.empty(), dataDir.resolve("secrets/provider-keys.key"), new SecureRandom());
    }

    private static long customer(String name) {
        return db.dsl()
                .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                .values(name, name + "-" + System.nanoTime())
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
    }

    private static long project(long customer, String repo) {
        return db.dsl()
                .insertInto(PROJECTS, PROJECTS.CUSTOMER_ID, PROJECTS.NAME, PROJECTS.REPOSITORY, PROJECTS.CLONE_URL)
                .values(customer, repo, repo, "file:///tmp/" + repo)
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
    }

    private long enqueue(long project) {
        return new JooqExecutionStore(db.dsl(), clock)
                .enqueue(new StartRequest(project, new Actor("ana", "cli"), null, null, null, null, null));
    }
}
