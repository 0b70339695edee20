package dev.clarity.dashboard;

import dev.clarity.crm.quickbooks.QuickBooksSettings;
import dev.clarity.crm.secrets.AesGcmSealer;
import dev.clarity.dashboard.executions.RunnerSlot;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How the dashboard behaves: {@code secureCookies} forces the Secure flag (set it when {@code CLARITY_PUBLIC_URL}
 * is https; it is also set per request behind an HTTPS proxy); {@code runners} reports runner availability for
 * the grid's left panel; {@code publicUrl} ({@code CLARITY_PUBLIC_URL}) is the only origin whose pages may open the
 * WebSockets (when empty: the origin each request was sent to); {@code mailSends} says whether campaign mail goes out
 * (SMTP is configured and the mail thread runs).
 */
public record DashboardOptions(
        boolean secureCookies,
        Duration sessionLifetime,
        Duration livePollInterval,
        Supplier<List<RunnerSlot>> runners,
        Optional<URI> publicUrl,
        Optional<AesGcmSealer> sealer,
        Optional<QuickBooksSettings> quickBooks,
        boolean mailSends) {

    public static DashboardOptions defaults() {
        return new DashboardOptions(
                false,
                Duration.ofHours(12),
                Duration.ofMillis(250),
                List::of,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false);
    }

    /** Provider keys are sealed with {@code sealer}; without one, the keys page says they cannot be stored. */
    public DashboardOptions withSealer(AesGcmSealer s) {
        return new DashboardOptions(
                secureCookies,
                sessionLifetime,
                livePollInterval,
                runners,
                publicUrl,
                Optional.of(s),
                quickBooks,
                mailSends);
    }

    public DashboardOptions withSecureCookies(boolean secure) {
        return new DashboardOptions(
                secure, sessionLifetime, livePollInterval, runners, publicUrl, sealer, quickBooks, mailSends);
    }

    public DashboardOptions withRunners(Supplier<List<RunnerSlot>> supplier) {
        return new DashboardOptions(
                secureCookies, sessionLifetime, livePollInterval, supplier, publicUrl, sealer, quickBooks, mailSends);
    }

    /** QuickBooks Online with these settings (needs a sealer for its tokens); without, its pages say how to set it up. */
    public DashboardOptions withQuickBooks(Optional<QuickBooksSettings> settings) {
        return new DashboardOptions(
                secureCookies, sessionLifetime, livePollInterval, runners, publicUrl, sealer, settings, mailSends);
    }

    public DashboardOptions withPublicUrl(Optional<URI> url) {
        return new DashboardOptions(
                secureCookies, sessionLifetime, livePollInterval, runners, url, sealer, quickBooks, mailSends);
    }

    /** Whether campaign mail goes out (SMTP is configured and the mail thread runs). */
    public DashboardOptions withMailSends(boolean sends) {
        return new DashboardOptions(
                secureCookies, sessionLifetime, livePollInterval, runners, publicUrl, sealer, quickBooks, sends);
    }
}
