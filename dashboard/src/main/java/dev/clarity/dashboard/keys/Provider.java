package dev.clarity.dashboard.keys;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A model provider whose key (or, for Ollama, whose server URL) Clarity may hold for a customer or project. */
public enum Provider {
    ANTHROPIC("API key"),
    OPENAI("API key"),
    OLLAMA("server URL");

    private final String secretName;

    Provider(String secretName) {
        this.secretName = secretName;
    }

    /** The spelling in the database and in forms: {@code anthropic}, {@code openai}, {@code ollama}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the secret is called on the page: "API key" or "server URL". */
    public String secretName() {
        return secretName;
    }

    public static Optional<Provider> of(String spelling) {
        return Arrays.stream(values())
                .filter(p -> p.spelling().equals(spelling))
                .findFirst();
    }

    public static List<String> spellings() {
        return Arrays.stream(values()).map(Provider::spelling).toList();
    }
}
