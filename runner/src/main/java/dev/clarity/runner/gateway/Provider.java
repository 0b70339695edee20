package dev.clarity.runner.gateway;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A model provider the gateway forwards to. Each has the path prefix under which a tool reaches it through the
 * gateway, the upstream a runner uses when its environment names none, and the environment variables that give
 * Clarity its key and upstream.
 */
public enum Provider {
    ANTHROPIC("anthropic", "/anthropic", "https://api.anthropic.com", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"),
    OPENAI("openai", "/openai/v1", "https://api.openai.com/v1", "OPENAI_API_KEY", "OPENAI_BASE_URL"),
    /** Ollama needs no key; requests under {@code /api/} go to it. */
    OLLAMA("ollama", "", "http://127.0.0.1:11434", null, "OLLAMA_HOST");

    private final String spelling;
    private final String prefix;
    private final String defaultUpstream;
    private final String keyVariable;
    private final String upstreamVariable;

    Provider(String spelling, String prefix, String defaultUpstream, String keyVariable, String upstreamVariable) {
        this.spelling = spelling;
        this.prefix = prefix;
        this.defaultUpstream = defaultUpstream;
        this.keyVariable = keyVariable;
        this.upstreamVariable = upstreamVariable;
    }

    /** The name in usage records and messages: {@code anthropic}, {@code openai}, {@code ollama}. */
    public String spelling() {
        return spelling;
    }

    /** The path under the gateway's address that leads to this provider ({@code ""} for ollama). */
    public String prefix() {
        return prefix;
    }

    /** Whether requests to this provider carry a key (the gateway then checks the step token and swaps the key in). */
    public boolean keyed() {
        return keyVariable != null;
    }

    /** The environment variable that holds Clarity's key for this provider, empty for ollama. */
    public Optional<String> keyVariable() {
        return Optional.ofNullable(keyVariable);
    }

    public String upstreamVariable() {
        return upstreamVariable;
    }

    /**
     * The upstream base URL {@code environment} names, or the provider's public one. {@code OLLAMA_HOST} may be a
     * bare {@code host:port}, as ollama itself accepts it.
     */
    public URI upstream(Map<String, String> environment) {
        String value = environment.get(upstreamVariable);
        if (value == null || value.isBlank()) {
            return URI.create(defaultUpstream);
        }
        String v = value.strip();
        if (!v.contains("://")) {
            v = "http://" + v;
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        URI uri = URI.create(v);
        if (uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException(
                    upstreamVariable + " must be an http or https URL with a host, not '" + value + "'");
        }
        return uri;
    }

    /** The provider a request path (as the tool sent it to the gateway) is for, or empty when none. */
    public static Optional<Provider> forPath(String path) {
        if (path.equals(ANTHROPIC.prefix) || path.startsWith(ANTHROPIC.prefix + "/")) {
            return Optional.of(ANTHROPIC);
        }
        if (path.startsWith(OPENAI.prefix + "/")) {
            return Optional.of(OPENAI);
        }
        if (path.startsWith("/api/")) {
            return Optional.of(OLLAMA);
        }
        return Optional.empty();
    }
}
