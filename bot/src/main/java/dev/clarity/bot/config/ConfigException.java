package dev.clarity.bot.config;

/**
 * A setting is missing or malformed. The message is one line: the variable, what is wrong with it and an
 * example of a good value. {@code main} prints it and exits without a stack trace.
 */
public final class ConfigException extends RuntimeException {
    private final String variable;

    public ConfigException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
