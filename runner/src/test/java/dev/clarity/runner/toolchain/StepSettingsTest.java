package dev.clarity.runner.toolchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.runner.config.SandboxConfig;
import dev.clarity.runner.sandbox.SandboxResources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepSettingsTest {
    private static final String RUNNER_IMAGE = SandboxResources.DEFAULT_IMAGE;
    private static final SandboxCeilings CEILINGS =
            new SandboxCeilings(4, 4L << 30, Duration.ofHours(1), List.of("localhost/clarity-*", "ghcr.io/acme/ci:1"));

    private static SandboxConfig asked(String engine, String image, Double cpus, Long memory, Duration timeout) {
        return new SandboxConfig(engine, image, cpus, memory, null, timeout);
    }

    @Test
    void what_the_repository_asks_within_the_ceilings_applies_as_asked() {
        StepSettings settings = StepSettings.of(
                asked("docker", "ghcr.io/acme/ci:1", 1.5, 512L << 20, Duration.ofMinutes(5)),
                CEILINGS,
                "docker",
                RUNNER_IMAGE);

        assertThat(settings)
                .isEqualTo(new StepSettings.Applied(
                        new SandboxResources("ghcr.io/acme/ci:1", 512L << 20, 1_500_000_000L, 512),
                        Duration.ofMinutes(5),
                        List.of()));
    }

    @Test
    void numbers_above_a_ceiling_are_lowered_to_it_and_each_is_named_in_a_note() {
        var applied = (StepSettings.Applied) StepSettings.of(
                asked(null, null, 16.0, 64L << 30, Duration.ofHours(5)), CEILINGS, "docker", RUNNER_IMAGE);

        assertThat(applied.resources()).isEqualTo(new SandboxResources(RUNNER_IMAGE, 4L << 30, 4_000_000_000L, 512));
        assertThat(applied.timeout()).isEqualTo(Duration.ofHours(1));
        assertThat(applied.notes())
                .containsExactly(
                        "sandbox.cpus 16 is above this runner's ceiling; 4 applies (CLARITY_SANDBOX_MAX_CPUS)",
                        "sandbox.memory 68719476736 bytes is above this runner's ceiling; 4294967296 bytes apply"
                                + " (CLARITY_SANDBOX_MAX_MEMORY)",
                        "sandbox.timeout PT5H is above this runner's ceiling; PT1H applies"
                                + " (CLARITY_SANDBOX_MAX_TIMEOUT)");
    }

    @Test
    void an_image_the_admin_did_not_allow_is_refused_naming_the_allowed_ones() {
        assertThat(StepSettings.of(
                        asked(null, "docker.io/library/alpine", null, null, null), CEILINGS, "docker", RUNNER_IMAGE))
                .isEqualTo(new StepSettings.Refused("sandbox.image docker.io/library/alpine in .clarity.yml is not"
                        + " allowed on this runner (allowed: localhost/clarity-*, ghcr.io/acme/ci:1, set by"
                        + " CLARITY_SANDBOX_IMAGES)"));
    }

    @Test
    void an_engine_the_runner_does_not_run_is_refused_and_bubblewrap_counts_as_process() {
        assertThat(StepSettings.of(asked("process", null, null, null, null), CEILINGS, "bubblewrap", RUNNER_IMAGE))
                .isInstanceOf(StepSettings.Applied.class);
        assertThat(StepSettings.of(asked("process", null, null, null, null), CEILINGS, "docker", RUNNER_IMAGE))
                .isInstanceOfSatisfying(
                        StepSettings.Refused.class,
                        r -> assertThat(r.reason())
                                .startsWith(
                                        "sandbox.engine is process in .clarity.yml, but this runner runs steps in docker"));
    }

    @Test
    void ceilings_come_from_the_environment_and_a_bad_value_names_its_variable() {
        SandboxCeilings set = SandboxCeilings.fromEnvironment(Map.of(
                "CLARITY_SANDBOX_MAX_CPUS", "8",
                "CLARITY_SANDBOX_MAX_MEMORY", "16g",
                "CLARITY_SANDBOX_MAX_TIMEOUT", "90m",
                "CLARITY_SANDBOX_IMAGES", " localhost/*, ghcr.io/acme/ci:1 "));

        assertThat(set)
                .isEqualTo(new SandboxCeilings(
                        8, 16L << 30, Duration.ofMinutes(90), List.of("localhost/*", "ghcr.io/acme/ci:1")));
        assertThat(SandboxCeilings.fromEnvironment(Map.of())).isEqualTo(SandboxCeilings.DEFAULT);
        assertThatThrownBy(() -> SandboxCeilings.fromEnvironment(Map.of("CLARITY_SANDBOX_MAX_MEMORY", "lots")))
                .hasMessage("CLARITY_SANDBOX_MAX_MEMORY must be a size like 8g or 512m, got \"lots\" (for example"
                        + " CLARITY_SANDBOX_MAX_MEMORY=8g)");
        assertThatThrownBy(() -> SandboxCeilings.fromEnvironment(Map.of("CLARITY_SANDBOX_MAX_CPUS", "0")))
                .hasMessageStartingWith("CLARITY_SANDBOX_MAX_CPUS must be a number of CPUs above 0");
        assertThatThrownBy(() -> SandboxCeilings.fromEnvironment(Map.of("CLARITY_SANDBOX_MAX_TIMEOUT", "soon")))
                .hasMessageStartingWith("CLARITY_SANDBOX_MAX_TIMEOUT must be a duration like 2h");
    }

    @Test
    void a_cache_key_ignores_credentials_and_a_trailing_dot_git_but_not_the_repository() {
        assertThat(DependencyCaches.key("https://x-access-token:t0k@github.com/acme/shop.git"))
                .isEqualTo(DependencyCaches.key("https://github.com/acme/shop"))
                .isNotEqualTo(DependencyCaches.key("https://github.com/acme/shop-admin"))
                .isNotEqualTo(DependencyCaches.key("https://github.com/other/shop"))
                .matches("[0-9a-f]{32}");
    }
}
