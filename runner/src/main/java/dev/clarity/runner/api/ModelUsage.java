package dev.clarity.runner.api;

import java.util.Objects;

/**
 * What one model request of a tool step used, as the provider's answer reported it: the provider ({@code anthropic},
 * {@code openai}, {@code ollama}), the model the answer named, and its input and output tokens.
 */
public record ModelUsage(String provider, String model, long inputTokens, long outputTokens) {
    public ModelUsage {
        Objects.requireNonNull(provider, "provider");
        model = model == null ? "" : model;
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts are never negative: " + inputTokens + ", " + outputTokens);
        }
    }

    /** Input and output tokens together. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
