package dev.clarity.bot.cli;

import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.detect.BuildDetection;
import dev.clarity.runner.detect.BuildDetector;
import dev.clarity.runner.detect.DirectoryTree;
import dev.clarity.runner.detect.StarterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./clarity init [PATH] [--force]}: writes a commented {@code .clarity.yml} at the root of the repository
 * holding PATH (the nearest directory up from PATH with a {@code .git}, else PATH), with the build it finds there as
 * the standard check. It reads files only and runs nothing. An existing file is kept unless {@code --force}.
 */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Write a commented .clarity.yml with the build found in the repository. Exit 0 written, 1 one"
                + " exists already (--force overwrites it), 2 PATH is not a directory or cannot be written.")
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            defaultValue = ".",
            paramLabel = "PATH",
            description = "the repository or a directory in it (default: the current directory)")
    Path path;

    @Option(names = "--force", description = "overwrite an existing .clarity.yml")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(path)) {
            err.println("clarity: " + path + " is not a directory; give the repository's directory");
            return ExitCodes.BAD_INPUT;
        }
        Path root = repositoryRoot(path.toAbsolutePath().normalize());
        Path file = root.resolve(RepositoryConfig.FILE_NAME);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !force) {
            err.println("clarity: " + file + " exists already and was left as it is; --force overwrites it");
            return ExitCodes.NONE;
        }
        BuildDetection detection = BuildDetector.detect(new DirectoryTree(root));
        try {
            write(file, StarterConfig.render(detection));
        } catch (IOException e) {
            err.println("clarity: writing " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        switch (detection) {
            case BuildDetection.Found found -> {
                out.println("wrote " + file + ": the standard check is `"
                        + String.join(" ", found.build().testCommand()) + "` ("
                        + found.build().name()
                        + ", from " + found.build().evidence() + ")");
                out.println("the sandbox has no network (sandbox.network: none): a build that downloads its"
                        + " dependencies needs egress or an image that holds them");
            }
            case BuildDetection.NotFound notFound ->
                out.println("wrote " + file + " with no standard check. " + notFound.advice());
        }
        out.println("Clarity reads it from the commit an item starts from: commit it to the default branch");
        out.flush();
        return ExitCodes.OK;
    }

    /** The nearest directory from {@code start} up that holds {@code .git} (a directory, or a file in a worktree). */
    private static Path repositoryRoot(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                return dir;
            }
        }
        return start;
    }

    /**
     * Written beside the target and moved over it, so a failure never leaves half a file; created like any new file
     * (the umask decides its mode), and a leftover of an interrupted run is replaced.
     */
    private static void write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(RepositoryConfig.FILE_NAME + ".init.tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
