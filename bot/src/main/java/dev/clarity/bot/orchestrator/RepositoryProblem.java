package dev.clarity.bot.orchestrator;

/** The repository itself is wrong (an invalid {@code .clarity.yml}); the message names file, line and key. */
public final class RepositoryProblem extends RuntimeException {
    public RepositoryProblem(String message) {
        super(message);
    }
}
