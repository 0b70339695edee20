package dev.clarity.runner.config;

/**
 * {@code context:} — what IMPLEMENT and ERROR_SOLVE give the tool besides the prompt. {@code files} is the most
 * files of the focused context (paths named by the item, then files defining identifiers its title names); 0 gives
 * none. Default 8, at most 50.
 */
public record ContextConfig(Integer files) {
    public static final int DEFAULT_FILES = 8;
    public static final int MAX_FILES = 50;
    public static final ContextConfig DEFAULT = new ContextConfig(null);

    public ContextConfig {
        files = files == null ? DEFAULT_FILES : files;
        if (files < 0 || files > MAX_FILES) {
            throw new IllegalArgumentException("context.files must be from 0 to " + MAX_FILES + ", got " + files);
        }
    }
}
