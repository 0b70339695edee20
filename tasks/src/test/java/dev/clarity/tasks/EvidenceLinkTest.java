package dev.clarity.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EvidenceLinkTest {
    @Test
    void a_pull_request_url_is_labelled_with_its_number_and_anything_else_as_artifacts() {
        assertThat(EvidenceLink.of("https://github.com/o/r/pull/42").label()).isEqualTo("PR #42");
        assertThat(EvidenceLink.of("https://github.com/o/r/pull/42/files#diff").label())
                .isEqualTo("PR #42");
        assertThat(EvidenceLink.of("artifacts/1.1.3/").label()).isEqualTo("artifacts");
        assertThat(EvidenceLink.of("https://x/pull/4x").label()).isEqualTo("artifacts");
    }

    @Test
    void a_url_repeating_pull_many_times_is_labelled_in_linear_time() {
        String url = "/pull/1/".repeat(200_000) + "\nx";
        EvidenceLink link = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> EvidenceLink.of(url));
        assertThat(link.label()).isEqualTo("PR #1");
    }
}
