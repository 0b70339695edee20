package dev.clarity.bot.app;

import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;

import dev.clarity.bot.orchestrator.ExecutionLoop;
import dev.clarity.dashboard.keys.ProviderKeyStore;
import dev.clarity.runner.gateway.Provider;
import dev.clarity.runner.gateway.ProviderKeys;
import dev.clarity.runner.gateway.Upstream;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * The model gateway's keys as the dashboard stores them: a step of execution N uses the key of N's project, else of
 * its customer ({@link ProviderKeyStore#forProject}); for Ollama the stored value is the server's URL. With none
 * stored, the step falls back to Clarity's environment ({@code fallback}). The gateway asks once per model request,
 * so what the database answers is kept for {@link #KEEP} per execution and provider: a changed key reaches new
 * requests within that time.
 */
final class StoredProviderKeys implements ProviderKeys {
    /** How long a looked-up key (or its absence) is used before the database is asked again. */
    static final Duration KEEP = Duration.ofSeconds(30);

    private final DSLContext dsl;
    private final ProviderKeyStore store;
    private final ProviderKeys fallback;
    private final Map<String, String> environment;
    private final InstantSource clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(Optional<Upstream> upstream, long until) {}

    StoredProviderKeys(
            DSLContext dsl,
            ProviderKeyStore store,
            ProviderKeys fallback,
            Map<String, String> environment,
            InstantSource clock) {
        this.dsl = dsl;
        this.store = store;
        this.fallback = fallback;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
    }

    @Override
    public Optional<Upstream> upstream(Provider provider, String scope) {
        long now = clock.millis();
        String cacheKey = scope + "/" + provider.name();
        Kept k = kept.get(cacheKey);
        if (k == null || k.until() < now) {
            k = new Kept(stored(provider, scope), now + KEEP.toMillis());
            kept.put(cacheKey, k);
        }
        return k.upstream().or(() -> fallback.upstream(provider, scope));
    }

    private Optional<Upstream> stored(Provider provider, String scope) {
        Optional<Long> execution = ExecutionLoop.executionOf(scope);
        if (execution.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> project = dsl.select(EXECUTIONS.PROJECT_ID)
                .from(EXECUTIONS)
                .where(EXECUTIONS.ID.eq(execution.get()))
                .fetchOptional(EXECUTIONS.PROJECT_ID);
        if (project.isEmpty()) {
            return Optional.empty();
        }
        dev.clarity.dashboard.keys.Provider stored = dev.clarity.dashboard.keys.Provider.valueOf(provider.name());
        return store.forProject(project.get(), stored)
                .map(value -> provider == Provider.OLLAMA
                        ? new Upstream(URI.create(value), Optional.empty())
                        : new Upstream(provider.upstream(environment), Optional.of(value)));
    }
}
