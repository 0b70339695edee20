package dev.clarity.runner.api;

/**
 * What {@code GET /healthz} of a runner reports: its sandbox engine, image, slots and the version of Clarity it runs
 * ({@code version} is null from a runner older than the field).
 */
public record RunnerHealth(String status, String engine, String image, int capacity, int free, String version) {
    /** A runner of this build. */
    public RunnerHealth(String status, String engine, String image, int capacity, int free) {
        this(status, engine, image, capacity, free, currentVersion());
    }

    /** The version of this build: the jar manifest's {@code Implementation-Version}, or "development" from classes. */
    public static String currentVersion() {
        String v = RunnerHealth.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
