package dev.clarity.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BubblewrapCommandTest {
    @Test
    void a_workspace_inside_a_directory_every_step_sees_is_refused() {
        for (String ws :
                new String[] {"/", "/usr/local/clarity/workspaces/a", "/etc/clarity/workspaces/a", "/lib/x/a"}) {
            assertThat(BubblewrapCommand.refusal(Path.of(ws)))
                    .as(ws)
                    .hasValueSatisfying(reason -> assertThat(reason).contains("move the data directory"));
        }
        assertThat(BubblewrapCommand.refusal(Path.of("/var/lib/clarity/workspaces/a")))
                .isEmpty();
        assertThat(BubblewrapCommand.refusal(Path.of("/root/.clarity/workspaces/a")))
                .isEmpty();
    }

    @Test
    void user_namespaces_are_disabled_from_bubblewrap_0_8_on() {
        assertThat(BubblewrapProbe.atLeastZeroEight("bubblewrap 0.8.0\n")).isTrue();
        assertThat(BubblewrapProbe.atLeastZeroEight("bubblewrap 0.11.0")).isTrue();
        assertThat(BubblewrapProbe.atLeastZeroEight("bubblewrap 1.0")).isTrue();
        assertThat(BubblewrapProbe.atLeastZeroEight("bubblewrap 0.7.0")).isFalse();
        assertThat(BubblewrapProbe.atLeastZeroEight("bwrap: unknown option")).isFalse();
    }
}
