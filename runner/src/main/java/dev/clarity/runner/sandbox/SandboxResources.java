package dev.clarity.runner.sandbox;

/** The image and limits of container steps ({@code sandbox.image}, {@code cpus}, {@code memory} in .clarity.yml). */
public record SandboxResources(String image, long memoryBytes, long nanoCpus, long pidsLimit) {
    public static final String DEFAULT_IMAGE = "localhost/clarity-sandbox:latest";

    public static SandboxResources defaults(String image) {
        return new SandboxResources(image, 2L << 30, 2_000_000_000L, 512);
    }
}
