package dev.clarity.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DockerSandboxTest extends SandboxContract {
    private static DockerClient docker;
    private static DockerSandbox sandbox;

    @BeforeAll
    static void engine() {
        docker = TestEngine.client();
        sandbox = new DockerSandbox(
                docker, TestEngine.resources(), InstantSource.system(), OutputLimits.DEFAULT, TestEngine.OWNER);
    }

    @AfterAll
    static void close() {
        if (docker != null) {
            sandbox.close();
        }
    }

    @Override
    Sandbox sandbox() {
        return sandbox;
    }

    @Override
    Sandbox sandboxWithLimits(OutputLimits limits) {
        return new DockerSandbox(docker, TestEngine.resources(), InstantSource.system(), limits, TestEngine.OWNER);
    }

    @Test
    void containers_are_removed_after_each_step_and_leftovers_are_reaped() throws Exception {
        sandbox.run(step(java.time.Duration.ofSeconds(30), "true"), line -> {});
        assertThat(labelled()).isEmpty();

        String leftover = docker.createContainerCmd(TestEngine.resources().image())
                .withCmd("sleep", "300")
                .withLabels(Map.of(DockerSandbox.LABEL, "true", DockerSandbox.OWNER_LABEL, TestEngine.OWNER))
                .exec()
                .getId();
        docker.startContainerCmd(leftover).exec();
        assertThat(labelled()).hasSize(1);
        assertThat(sandbox.reapLeftovers()).isEqualTo(1);
        assertThat(labelled()).isEmpty();
    }

    private static List<?> labelled() {
        return docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(DockerSandbox.LABEL, "true", DockerSandbox.OWNER_LABEL, TestEngine.OWNER))
                .exec();
    }
}
