package dev.clarity.dashboard.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeNextTest {
    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                "/executions/4, /executions/4",
                "/, /",
                "NULL, /",
                "https://evil.example/, /",
                "//evil.example, /",
                "/\\evil.example, /",
                "queue, /"
            })
    void only_local_paths_are_followed_after_sign_in(String next, String expected) {
        assertThat(SignInRoutes.safeNext(next)).isEqualTo(expected);
    }
}
