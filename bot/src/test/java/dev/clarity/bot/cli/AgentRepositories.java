package dev.clarity.bot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Repositories for {@code clarity run} tests: a task list, a stand-in agent script and a {@code .clarity.yml} that
 * makes the agent the tool, committed on {@code main} with a fixed author and time (so two repositories made from
 * the same plan have the same history).
 */
final class AgentRepositories {
    private AgentRepositories() {}

    /** Checks: a test command that passes (an item on which no check ran is never done). */
    static final String CHECKS = """
            checks:
              test: [["sh", "-c", "test -f tasks_list.md"]]
            """;

    static Path create(Path dir, String plan, String agent) throws Exception {
        return create(dir, plan, agent, CHECKS);
    }

    /** A repository as a new user has it: a task list and no {@code .clarity.yml} (so the default tool, aider). */
    static Path withoutConfig(Path dir, String plan) throws Exception {
        return create(dir, plan, null, false, "");
    }

    /** With {@code checks} (YAML under {@code .clarity.yml}'s other keys, or empty for none). */
    static Path create(Path dir, String plan, String agent, String checks) throws Exception {
        return create(dir, plan, agent, true, checks);
    }

    private static Path create(Path dir, String plan, String agent, boolean configured, String checks)
            throws Exception {
        Files.createDirectories(dir);
        try (Git git =
                Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("tasks_list.md"), plan);
            if (configured) {
                Files.writeString(dir.resolve("agent.sh"), agent);
                Files.writeString(dir.resolve(".clarity.yml"), """
                        tools:
                          default: command
                          command: { command: ["sh", "agent.sh"] }
                        commands: [sh]
                        """ + checks);
            }
            git.add().addFilepattern(".").call();
            PersonIdent ident = new PersonIdent("Planner", "planner@example.com", Instant.EPOCH, ZoneOffset.UTC);
            git.commit()
                    .setMessage("Plan")
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .call();
        }
        return dir;
    }
}
