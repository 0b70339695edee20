package dev.clarity.runner.gateway;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the gateway forwards one provider's requests and the key it adds. {@link #toString()} never shows the key,
 * so an upstream can be logged.
 */
public record Upstream(URI baseUrl, Optional<String> key) {
    public Upstream {
        Objects.requireNonNull(baseUrl, "baseUrl");
        key = key.filter(k -> !k.isBlank());
    }

    @Override
    public String toString() {
        return "Upstream[" + baseUrl + (key.isPresent() ? ", key set" : ", no key") + "]";
    }
}
