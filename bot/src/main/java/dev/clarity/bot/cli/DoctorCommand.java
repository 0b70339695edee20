package dev.clarity.bot.cli;

import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.doctor.Doctor;
import dev.clarity.bot.doctor.Finding;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./clarity doctor}: one line per check; exit 1 when something required is broken. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "Check the JDK, database, container engine, bubblewrap and GitHub App settings.")
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Finding> findings = new Doctor(EnvironmentConfig.fromSystem(), System.getenv("PATH")).examine();
        findings.forEach(f -> spec.commandLine().getOut().println(f.render()));
        return findings.stream().anyMatch(f -> !f.ok() && f.required()) ? ExitCodes.NONE : ExitCodes.OK;
    }
}
