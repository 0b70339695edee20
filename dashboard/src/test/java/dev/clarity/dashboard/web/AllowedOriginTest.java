package dev.clarity.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedOriginTest {
    @ParameterizedTest(name = "public URL {0}, Origin {1}, Host {2}: {3}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                // with CLARITY_PUBLIC_URL: exactly its scheme, host and port
                "https://clarity.example.com/, https://clarity.example.com, clarity.example.com, true",
                "https://clarity.example.com/, https://clarity.example.com:443, clarity.example.com, true",
                "https://clarity.example.com/, https://CLARITY.example.com, clarity.example.com, true",
                "https://clarity.example.com/, http://clarity.example.com, clarity.example.com, false",
                "https://clarity.example.com/, https://clarity.example.com:8443, clarity.example.com, false",
                "https://clarity.example.com/, https://evil.example, clarity.example.com, false",
                "https://clarity.example.com/, https://evil.example, evil.example, false",
                "https://clarity.example.com/, null, clarity.example.com, false",
                "https://clarity.example.com/, NULL, clarity.example.com, true",
                // without it: the address the request was sent to
                "NULL, http://127.0.0.1:8080, 127.0.0.1:8080, true",
                "NULL, http://127.0.0.1:8081, 127.0.0.1:8080, false",
                "NULL, http://127.0.0.1, 127.0.0.1:8080, false",
                "NULL, http://localhost:8080, 127.0.0.1:8080, false",
                "NULL, https://clarity.example.com, clarity.example.com, true",
                "NULL, http://evil.example, 127.0.0.1:8080, false",
                "NULL, http://127.0.0.1:8080/page, 127.0.0.1:8080, false",
                "NULL, file://, 127.0.0.1:8080, false",
                "NULL, http://127.0.0.1:8080, NULL, false"
            })
    void only_pages_of_clarity_s_own_origin_may_open_a_socket(
            String publicUrl, String origin, String host, boolean allowed) {
        AllowedOrigin rule = new AllowedOrigin(Optional.ofNullable(publicUrl).map(URI::create));
        assertThat(rule.allows(origin, host)).isEqualTo(allowed);
    }
}
