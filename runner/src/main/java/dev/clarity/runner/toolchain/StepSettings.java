package dev.clarity.runner.toolchain;

import dev.clarity.runner.config.SandboxConfig;
import dev.clarity.runner.sandbox.SandboxResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A repository's {@code sandbox:} applied to this runner: the image, CPUs, memory and step timeout it asked for,
 * within the admin's {@link SandboxCeilings}. A number above its ceiling is lowered to the ceiling and a note says
 * so (the step still runs, a little slower or with less room); an image the admin did not allow, or an engine this
 * runner does not run, cannot be lowered to anything and refuses the step with a sentence saying what to change.
 * Pure.
 */
public sealed interface StepSettings {
    /** How many processes a container step may start; not a repository setting. */
    long PIDS_LIMIT = 512;

    /** The step runs with {@code resources} and {@code timeout}; {@code notes} say what was lowered. */
    record Applied(SandboxResources resources, Duration timeout, List<String> notes) implements StepSettings {
        public Applied {
            notes = List.copyOf(notes);
        }
    }

    /** The step cannot run as the repository asked; {@code reason} says why and what to change. */
    record Refused(String reason) implements StepSettings {}

    /**
     * @param runnerEngine this runner's sandbox engine: {@code docker}, {@code bubblewrap} or {@code process}
     * @param runnerImage the image this runner's container steps use when the repository names none
     */
    public static StepSettings of(
            SandboxConfig asked, SandboxCeilings ceilings, String runnerEngine, String runnerImage) {
        String engine = runnerEngine.equals("docker") ? "docker" : "process";
        if (asked.engine() != null && !asked.engine().toLowerCase(Locale.ROOT).equals(engine)) {
            return new Refused("sandbox.engine is " + asked.engine()
                    + " in .clarity.yml, but this runner runs steps in "
                    + engine + " (CLARITY_SANDBOX); remove sandbox.engine or run the repository on a runner with "
                    + asked.engine());
        }
        String image = asked.image() == null ? runnerImage : asked.image();
        if (!image.equals(runnerImage) && !ceilings.allows(image)) {
            return new Refused("sandbox.image " + image + " in .clarity.yml is not allowed on this runner (allowed: "
                    + String.join(", ", ceilings.images()) + ", set by CLARITY_SANDBOX_IMAGES)");
        }
        List<String> notes = new ArrayList<>();
        double cpus = asked.cpus();
        if (cpus > ceilings.maxCpus()) {
            notes.add("sandbox.cpus " + format(cpus) + " is above this runner's ceiling; " + format(ceilings.maxCpus())
                    + " applies (CLARITY_SANDBOX_MAX_CPUS)");
            cpus = ceilings.maxCpus();
        }
        long memory = asked.memory();
        if (memory > ceilings.maxMemory()) {
            notes.add("sandbox.memory " + asked.memory() + " bytes is above this runner's ceiling; "
                    + ceilings.maxMemory() + " bytes apply (CLARITY_SANDBOX_MAX_MEMORY)");
            memory = ceilings.maxMemory();
        }
        Duration timeout = asked.timeout();
        if (timeout.compareTo(ceilings.maxTimeout()) > 0) {
            notes.add("sandbox.timeout " + timeout + " is above this runner's ceiling; " + ceilings.maxTimeout()
                    + " applies (CLARITY_SANDBOX_MAX_TIMEOUT)");
            timeout = ceilings.maxTimeout();
        }
        return new Applied(
                new SandboxResources(image, memory, Math.round(cpus * 1_000_000_000d), PIDS_LIMIT), timeout, notes);
    }

    private static String format(double cpus) {
        return cpus == Math.rint(cpus) ? Long.toString((long) cpus) : Double.toString(cpus);
    }
}
