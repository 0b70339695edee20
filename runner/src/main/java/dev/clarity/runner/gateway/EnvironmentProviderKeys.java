package dev.clarity.runner.gateway;

import java.util.Map;
import java.util.Optional;

/**
 * Keys and upstreams from Clarity's environment: {@code ANTHROPIC_API_KEY}, {@code OPENAI_API_KEY}, and
 * {@code ANTHROPIC_BASE_URL}, {@code OPENAI_BASE_URL}, {@code OLLAMA_HOST} naming the upstream when set. Ollama needs
 * no key. The same keys for every scope.
 */
public final class EnvironmentProviderKeys implements ProviderKeys {
    private final Map<Provider, Upstream> upstreams;

    /** Reads {@code environment} once; an upstream variable that is not a URL is an error naming it. */
    public EnvironmentProviderKeys(Map<String, String> environment) {
        Map<Provider, Upstream> found = new java.util.EnumMap<>(Provider.class);
        for (Provider provider : Provider.values()) {
            Optional<String> key = provider.keyVariable().map(environment::get);
            if (provider.keyed() && key.filter(k -> !k.isBlank()).isEmpty()) {
                continue;
            }
            found.put(provider, new Upstream(provider.upstream(environment), key));
        }
        this.upstreams = Map.copyOf(found);
    }

    @Override
    public Optional<Upstream> upstream(Provider provider, String scope) {
        return Optional.ofNullable(upstreams.get(provider));
    }
}
