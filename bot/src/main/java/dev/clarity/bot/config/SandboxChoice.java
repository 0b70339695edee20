package dev.clarity.bot.config;

/** Which sandbox runs tools and checks; {@code AUTO} picks Docker when an engine answers, else the process one. */
public enum SandboxChoice {
    AUTO,
    DOCKER,
    PROCESS
}
