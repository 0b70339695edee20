package dev.clarity.bot.github;

/** A repository an installation may access. */
public record InstallationRepository(
        long id, RepoRef repo, String defaultBranch, String cloneUrl, boolean privateRepo) {}
