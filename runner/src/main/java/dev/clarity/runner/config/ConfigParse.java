package dev.clarity.runner.config;

/** What reading {@code .clarity.yml} came to. */
public sealed interface ConfigParse {
    /** The file was valid (or absent: then the defaults). */
    record Parsed(RepositoryConfig config) implements ConfigParse {}

    /** The file is wrong at {@code key} (a dotted path like {@code sandbox.memory}) on {@code line} (1-based). */
    record Invalid(String key, int line, String message) implements ConfigParse {
        /** One sentence for the user: "{@code .clarity.yml} line 7, sandbox.memory: …". */
        public String describe() {
            return RepositoryConfig.FILE_NAME + " line " + line + ", " + key + ": " + message;
        }
    }
}
