package dev.clarity.bot.doctor;

import dev.clarity.runner.app.RunnerAssembly;
import dev.clarity.runner.config.ConfigParse;
import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.config.RepositoryConfigParser;
import dev.clarity.runner.config.RoutingRule;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.ProcessSandbox;
import dev.clarity.runner.sandbox.SandboxStep;
import dev.clarity.vocabulary.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The doctor's findings on the tools a repository configures: its {@code .clarity.yml} read at HEAD (as an item
 * reads it at its base commit, never from the work tree), then for the default tool and every routed tool, whether
 * its program can be started the way the process sandbox looks it up (a name on the step's PATH, a relative path in
 * the repository). Under the container sandbox the program is looked up in the image when the step starts; the
 * doctor starts no container, and says so.
 */
final class ToolFindings {
    private final Optional<Path> repository;
    private final boolean containers;

    /**
     * @param repository the repository whose tools are checked; empty for none (the defaults are checked)
     * @param containers whether steps run in containers (the image then holds the tools)
     */
    ToolFindings(Optional<Path> repository, boolean containers) {
        this.repository = repository;
        this.containers = containers;
    }

    List<Finding> examine() {
        String source;
        String text;
        try {
            Optional<String> committed = repository.isPresent() ? configAtHead(repository.get()) : Optional.empty();
            source = repository.isEmpty()
                    ? "no repository given, so the defaults"
                    : committed.isPresent()
                            ? ".clarity.yml at HEAD of " + repository.get()
                            : "no .clarity.yml at HEAD of " + repository.get() + ", so the defaults";
            text = committed.orElse("");
        } catch (IOException e) {
            return List.of(Finding.fail(
                    "tools",
                    false,
                    "cannot read .clarity.yml at HEAD: " + e.getMessage(),
                    "pass the root of a git repository: ./clarity doctor PATH"));
        }
        ConfigParse parse = new RepositoryConfigParser().parse(text);
        if (parse instanceof ConfigParse.Invalid invalid) {
            return List.of(Finding.fail(
                    "tools",
                    false,
                    source + " is invalid: " + invalid.describe(),
                    "correct it (every key: docs/configuration.md)"));
        }
        RepositoryConfig config = ((ConfigParse.Parsed) parse).config();
        Set<String> tools = new LinkedHashSet<>();
        tools.add(config.tools().defaultTool());
        config.tools().routing().stream().map(RoutingRule::tool).forEach(tools::add);
        List<Finding> findings = new ArrayList<>();
        for (String tool : tools) {
            findings.add(tool(tool, config, source));
        }
        return findings;
    }

    private Finding tool(String tool, RepositoryConfig config, String source) {
        String name = "tool " + tool;
        if (tool.equals(Tool.OLLAMA.spelling())) {
            return Finding.pass(
                    name,
                    "the runner asks the Ollama server named by OLLAMA_HOST through its model gateway, model "
                            + config.tools().ollama().model() + " (" + source + "); nothing is installed in the"
                            + " sandbox");
        }
        List<String> command = config.tools().of(tool).command();
        if (command.isEmpty()) {
            return Finding.fail(
                    name,
                    false,
                    "tools." + tool + ".command is empty (" + source + ")",
                    "set tools." + tool + ".command in .clarity.yml (see docs/configuration.md)");
        }
        String program = command.getFirst();
        if (containers) {
            return Finding.pass(
                    name,
                    "'" + program + "' (" + source + ") is looked up in the sandbox image when a step starts; it"
                            + " must be installed there");
        }
        Path workspace = repository.orElse(Path.of(".")).toAbsolutePath();
        var step = new SandboxStep(
                List.of(program), workspace, RunnerAssembly.BASE_ENVIRONMENT, Duration.ofSeconds(1), false, "doctor");
        // looked up only: nothing is started, so no executor is needed
        Optional<String> unstartable = new ProcessSandbox(
                        Optional.empty(), Runnable::run, InstantSource.system(), OutputLimits.DEFAULT)
                .unstartable(step);
        return unstartable
                .map(why -> Finding.fail(
                        name,
                        false,
                        why + " (" + source + ")",
                        "install " + tool + " on the runner's PATH (or in the sandbox image), or set tools.default or"
                                + " tools." + tool + ".command in .clarity.yml (see docs/configuration.md)"))
                .orElseGet(() -> Finding.pass(name, "'" + program + "' can be started (" + source + ")"));
    }

    /** {@code .clarity.yml} in the tree of HEAD; empty when there is none (or no commit yet). */
    private static Optional<String> configAtHead(Path root) throws IOException {
        try (Repository repo = new FileRepositoryBuilder()
                        .setWorkTree(root.toFile())
                        .setMustExist(true)
                        .build();
                RevWalk walk = new RevWalk(repo)) {
            var head = repo.resolve(Constants.HEAD);
            if (head == null) {
                return Optional.empty();
            }
            try (TreeWalk tw = TreeWalk.forPath(
                    repo, ".clarity.yml", walk.parseCommit(head).getTree())) {
                return tw == null
                        ? Optional.empty()
                        : Optional.of(new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
        } catch (org.eclipse.jgit.errors.RepositoryNotFoundException | IllegalArgumentException e) {
            throw new IOException(root + " is not a git repository", e);
        }
    }
}
