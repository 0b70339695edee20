package dev.clarity.runner.gateway;

import java.util.Optional;

/**
 * Resolves where a step's requests to {@code provider} go and with which key. The runner's default reads Clarity's
 * own environment ({@link EnvironmentProviderKeys}); a deployment that stores keys per customer or project plugs in
 * its own, keyed by the step's {@code scope} (the workspace id the step runs in). Called once per model request,
 * from the gateway's threads: implementations are thread-safe and fast (cache what they load).
 */
public interface ProviderKeys {
    /** The upstream for {@code provider}, or empty when Clarity has no key for it (the request is refused). */
    Optional<Upstream> upstream(Provider provider, String scope);
}
