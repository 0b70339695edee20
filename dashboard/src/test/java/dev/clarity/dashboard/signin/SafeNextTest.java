package dev.clarity.dashboard.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
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

    @Test
    void control_characters_spaces_and_backslashes_anywhere_give_the_grid() {
        for (String next : List.of("/\t/host/", "/\r\n", "/a\u0000", "/a b", "/a\\b", "/\u007f", "/\u00e9", "")) {
            assertThat(SignInRoutes.safeNext(next)).as(next).isEqualTo("/");
        }
        assertThat(SignInRoutes.safeNext("/executions/4?x=1&y=%2F")).isEqualTo("/executions/4?x=1&y=%2F");
    }
}
