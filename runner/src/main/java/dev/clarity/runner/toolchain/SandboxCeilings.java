package dev.clarity.runner.toolchain;

import dev.clarity.runner.config.Sizes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What an admin lets a repository's {@code sandbox:} ask for, from Clarity's environment: {@code
 * CLARITY_SANDBOX_MAX_CPUS} (default 4), {@code CLARITY_SANDBOX_MAX_MEMORY} (default 8g), {@code
 * CLARITY_SANDBOX_MAX_TIMEOUT} (default 2h) and {@code CLARITY_SANDBOX_IMAGES}, a comma-separated list of image names
 * where a trailing {@code *} matches any rest (default {@code localhost/clarity-*}). The runner's own image is always
 * allowed. Immutable.
 */
public record SandboxCeilings(double maxCpus, long maxMemory, Duration maxTimeout, List<String> images) {
    public static final String MAX_CPUS = "CLARITY_SANDBOX_MAX_CPUS";
    public static final String MAX_MEMORY = "CLARITY_SANDBOX_MAX_MEMORY";
    public static final String MAX_TIMEOUT = "CLARITY_SANDBOX_MAX_TIMEOUT";
    public static final String IMAGES = "CLARITY_SANDBOX_IMAGES";

    public static final SandboxCeilings DEFAULT =
            new SandboxCeilings(4, 8L << 30, Duration.ofHours(2), List.of("localhost/clarity-*"));

    public SandboxCeilings {
        images = List.copyOf(images);
    }

    /**
     * The ceilings set in {@code environment}, the defaults for the others.
     *
     * @throws IllegalArgumentException naming the variable and an example of a good value
     */
    public static SandboxCeilings fromEnvironment(Map<String, String> environment) {
        double cpus = DEFAULT.maxCpus;
        String c = value(environment, MAX_CPUS);
        if (c != null) {
            try {
                cpus = Double.parseDouble(c);
            } catch (NumberFormatException e) {
                cpus = -1;
            }
            if (!(cpus > 0) || cpus > 1024) {
                throw new IllegalArgumentException(MAX_CPUS + " must be a number of CPUs above 0, got \"" + c
                        + "\" (for example " + MAX_CPUS + "=4)");
            }
        }
        long memory = DEFAULT.maxMemory;
        String m = value(environment, MAX_MEMORY);
        if (m != null) {
            try {
                memory = Sizes.memory(m);
            } catch (IllegalArgumentException e) {
                memory = 0;
            }
            if (memory <= 0) {
                throw new IllegalArgumentException(MAX_MEMORY + " must be a size like 8g or 512m, got \"" + m
                        + "\" (for example " + MAX_MEMORY + "=8g)");
            }
        }
        Duration timeout = DEFAULT.maxTimeout;
        String t = value(environment, MAX_TIMEOUT);
        if (t != null) {
            try {
                timeout = Sizes.duration(t);
            } catch (IllegalArgumentException e) {
                timeout = Duration.ZERO;
            }
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException(MAX_TIMEOUT + " must be a duration like 2h or 45m, got \"" + t
                        + "\" (for example " + MAX_TIMEOUT + "=2h)");
            }
        }
        List<String> images = DEFAULT.images;
        String i = value(environment, IMAGES);
        if (i != null) {
            images = Arrays.stream(i.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
        return new SandboxCeilings(cpus, memory, timeout, images);
    }

    /** True when {@code image} is on the list (exactly, or by a pattern's prefix before its trailing {@code *}). */
    public boolean allows(String image) {
        for (String allowed : images) {
            if (allowed.endsWith("*")
                    ? image.startsWith(allowed.substring(0, allowed.length() - 1))
                    : image.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private static String value(Map<String, String> environment, String name) {
        String v = environment.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
