package dev.clarity.runner.local;

import dev.clarity.runner.config.ConfigParse;
import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.config.RepositoryConfigParser;
import dev.clarity.runner.workspace.BaseCommits;
import java.nio.charset.StandardCharsets;

/**
 * {@code .clarity.yml} as a step sees it: always the base commit's ({@link BaseCommits}), never the work tree's,
 * because it grants rights (sandbox network, engine, image and limits, the command allowlist, tool command lines,
 * checks). A tool's change to it is a protected change ({@code guard.ProtectedSet}): taken out of the work tree
 * and held until a person approves it, since an item's work becomes the next item's base under the {@code stacked}
 * and {@code auto} merge policies.
 */
final class BaseConfig {
    private final BaseCommits bases;
    private final RepositoryConfigParser parser;

    BaseConfig(BaseCommits bases, RepositoryConfigParser parser) {
        this.bases = bases;
        this.parser = parser;
    }

    /** The base commit's config: the defaults when it has no {@code .clarity.yml}. */
    ConfigParse read(String workspaceId) {
        return bases.read(workspaceId, RepositoryConfig.FILE_NAME)
                .map(bytes -> parser.parse(new String(bytes, StandardCharsets.UTF_8)))
                .orElseGet(() -> new ConfigParse.Parsed(RepositoryConfig.DEFAULT));
    }
}
