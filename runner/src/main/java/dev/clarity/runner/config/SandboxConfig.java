package dev.clarity.runner.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;
import java.util.List;

/**
 * {@code sandbox:} — {@code engine} is null when not set (the runner's engine), {@code image} null when not set (the
 * runner's image), {@code memoryBytes} parsed from {@code 2g}/{@code 512m}, {@code timeout} per step from
 * {@code 20m}/{@code 90s}/{@code 1h}. The runner applies them within the admin's ceilings
 * ({@code dev.clarity.runner.toolchain.StepSettings}).
 */
public record SandboxConfig(
        String engine,
        String image,
        Double cpus,

        @JsonDeserialize(using = Sizes.MemoryDeserializer.class)
        Long memory,

        Network network,

        @JsonDeserialize(using = Sizes.DurationDeserializer.class)
        Duration timeout) {
    public static final SandboxConfig DEFAULT = new SandboxConfig(null, null, null, null, null, null);

    /** The values {@code engine} may take. */
    public static final List<String> ENGINES = List.of("docker", "process");

    public SandboxConfig {
        if (engine != null && !ENGINES.contains(engine)) {
            throw new IllegalArgumentException(
                    "sandbox.engine is " + engine + " (expected " + String.join(" or ", ENGINES) + ")");
        }
        if (image != null && (image.isBlank() || image.chars().anyMatch(ch -> ch <= ' '))) {
            throw new IllegalArgumentException(
                    "sandbox.image must be an image name without spaces, got \"" + image + "\"");
        }
        if (cpus != null && !(cpus > 0)) {
            throw new IllegalArgumentException("sandbox.cpus must be above 0, got " + cpus);
        }
        cpus = cpus == null ? 2.0 : cpus;
        memory = memory == null ? 2L << 30 : memory;
        network = network == null ? Network.NONE : network;
        timeout = timeout == null ? Duration.ofMinutes(20) : timeout;
    }

    public enum Network {
        NONE,
        EGRESS;

        @com.fasterxml.jackson.annotation.JsonCreator
        static Network of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
