package dev.clarity.bot.cli;

import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.doctor.Doctor;
import dev.clarity.bot.doctor.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./clarity doctor}: one line per check; exit 1 when something required is broken. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "Check the JDK, database, container engine, bubblewrap, the sandbox image, GitHub App settings,"
                + " the SMTP server and the tools the repository at PATH configures (default: the current directory).")
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "PATH",
            description = "a repository whose .clarity.yml (at HEAD) names the tools to check")
    Path repository;

    @Override
    public Integer call() {
        Path root = repository != null ? repository : Path.of("");
        // without PATH, the current directory when it is a repository, else the default tools
        Optional<Path> checked =
                repository != null || Files.exists(root.toAbsolutePath().resolve(".git"))
                        ? Optional.of(root.toAbsolutePath())
                        : Optional.empty();
        List<Finding> findings =
                new Doctor(EnvironmentConfig.fromSystem(), System.getenv("PATH"), checked, System.getenv()).examine();
        findings.forEach(f -> spec.commandLine().getOut().println(f.render()));
        return findings.stream().anyMatch(f -> !f.ok() && f.required()) ? ExitCodes.NONE : ExitCodes.OK;
    }
}
