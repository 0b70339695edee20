package dev.clarity.bot.config;

import java.net.URI;
import java.util.List;

/** The GitHub App settings: all there, some there (which are missing), or none (local mode only). */
public sealed interface GitHubSettings {
    URI apiUrl();

    /** No GitHub variable is set: Clarity runs in local mode only. */
    record Absent(URI apiUrl) implements GitHubSettings {}

    /** Some GitHub variables are set and some are missing: a mistake that {@code serve} refuses. */
    record Partial(URI apiUrl, List<String> missing) implements GitHubSettings {
        public Partial {
            missing = List.copyOf(missing);
        }
    }

    /** Everything the App needs to authenticate and to verify webhooks. */
    record Complete(URI apiUrl, long appId, String privateKeyPem, String webhookSecret) implements GitHubSettings {
        @Override
        public String toString() {
            return "Complete[apiUrl=" + apiUrl + ", appId=" + appId + ", privateKeyPem=***, webhookSecret=***]";
        }
    }
}
