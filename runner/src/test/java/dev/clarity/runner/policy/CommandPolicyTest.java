package dev.clarity.runner.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandPolicyTest {
    private final CommandPolicy policy = CommandPolicy.defaults().withCommands(List.of("./scripts/agent.sh", "sh"));

    @Test
    void allowlisted_commands_run_with_their_argv_untouched() {
        assertThat(policy.check(List.of("npm", "test", "*.js", "$HOME")))
                .isEqualTo(new CommandDecision.Allowed(List.of("npm", "test", "*.js", "$HOME")));
        assertThat(policy.check(List.of("./scripts/agent.sh"))).isInstanceOf(CommandDecision.Allowed.class);
    }

    @Test
    void a_command_off_the_allowlist_is_refused_by_name() {
        assertThat(policy.check(List.of("curl", "http://evil")))
                .isInstanceOfSatisfying(CommandDecision.Refused.class, r -> {
                    assertThat(r.command()).isEqualTo("curl");
                    assertThat(r.reason()).contains("curl").contains("allowlist");
                });
        assertThat(policy.check(List.of("/usr/bin/npm"))).isInstanceOf(CommandDecision.Refused.class);
        assertThat(CommandPolicy.defaults().check(List.of("sh", "-c", "x")))
                .isInstanceOf(CommandDecision.Refused.class);
        assertThat(policy.check(List.of())).isInstanceOf(CommandDecision.Refused.class);
    }

    @Test
    void environment_keeps_only_allowlisted_names() {
        Map<String, String> env = policy.environment(Map.of(
                "PATH", "/usr/bin", "GITHUB_TOKEN", "ghs_x", "CLARITY_TASK_ID", "1.2", "AWS_SECRET_ACCESS_KEY", "x"));
        assertThat(env).containsOnlyKeys("PATH", "CLARITY_TASK_ID");
    }
}
