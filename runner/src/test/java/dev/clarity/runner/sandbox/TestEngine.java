package dev.clarity.runner.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import java.util.Optional;

/** The container engine for tests: found like the runner finds it, the test image built once from busybox-static. */
public final class TestEngine {
    public static final String IMAGE = "localhost/clarity-sandbox-test:latest";
    /** This test JVM's owner label: tests running elsewhere on the same engine are never reaped. */
    public static final String OWNER = "test-" + ProcessHandle.current().pid();

    private static volatile boolean built;

    private TestEngine() {}

    /**
     * A client for the engine, or the test is skipped with a message that says how to start one (in CI, where
     * {@code CLARITY_REQUIRE_ENGINE=1}, it fails instead).
     */
    public static DockerClient client() {
        Optional<String> host = EngineProbe.find(Optional.ofNullable(System.getenv("DOCKER_HOST")));
        if (host.isEmpty() && "1".equals(System.getenv("CLARITY_REQUIRE_ENGINE"))) {
            throw new IllegalStateException(
                    "CI requires the container engine tests, but no engine answers at " + System.getenv("DOCKER_HOST"));
        }
        assumeTrue(
                host.isPresent(),
                "No container engine answers (DOCKER_HOST unset or silent). Start one with: "
                        + "podman system service --time=0 unix:///run/clarity-podman.sock & "
                        + "export DOCKER_HOST=unix:///run/clarity-podman.sock (see shared/spec/container-engine.md)");
        DockerClient docker = DockerSandbox.client(host.get());
        synchronized (TestEngine.class) {
            if (!built && !SandboxImage.exists(docker, IMAGE)) {
                SandboxImage.build(docker, IMAGE, SandboxImage.BUSYBOX);
            }
            built = true;
        }
        return docker;
    }

    public static SandboxResources resources() {
        return new SandboxResources(IMAGE, 256L << 20, 1_000_000_000L, 128);
    }
}
