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

    static Path create(Path dir, String plan, String agent) throws Exception {
        Files.createDirectories(dir);
        try (Git git =
                Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("tasks_list.md"), plan);
            Files.writeString(dir.resolve("agent.sh"), agent);
            Files.writeString(dir.resolve(".clarity.yml"), """
                    tools:
                      default: command
                      command: { command: ["sh", "agent.sh"] }
                    commands: [sh]
                    """);
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
