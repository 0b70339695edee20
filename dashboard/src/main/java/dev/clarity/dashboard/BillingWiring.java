package dev.clarity.dashboard;

import dev.clarity.crm.billing.JooqInvoiceStore;
import dev.clarity.crm.money.JooqBillingSettings;
import dev.clarity.crm.quickbooks.JooqQuickBooksConnection;
import dev.clarity.crm.quickbooks.JooqQuickBooksOutbox;
import dev.clarity.crm.quickbooks.QuickBooksClient;
import dev.clarity.crm.quickbooks.QuickBooksSync;
import dev.clarity.crm.quickbooks.QuickBooksWebhook;
import dev.clarity.crm.reports.JooqBillableHoursReport;
import dev.clarity.dashboard.billing.BillingSettingsRoutes;
import dev.clarity.dashboard.billing.InvoiceRoutes;
import dev.clarity.dashboard.billing.QuickBooksRoutes;
import dev.clarity.dashboard.billing.ReportRoutes;
import dev.clarity.dashboard.web.Guard;
import io.javalin.config.JavalinConfig;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Wires invoices, reports, the billing settings and QuickBooks for the dashboard. QuickBooks exists only with its settings and a secrets
 * sealer (its tokens are stored sealed); its worker is handed to the composition root to schedule.
 */
final class BillingWiring {
    private final InvoiceRoutes invoices;
    private final ReportRoutes reports;
    private final QuickBooksRoutes quickBooks;
    private final BillingSettingsRoutes settings;
    private final Optional<QuickBooksSync> sync;

    BillingWiring(Guard guard, DSLContext dsl, InstantSource clock, DashboardOptions options) {
        JooqInvoiceStore store = new JooqInvoiceStore(dsl, clock);
        Optional<QuickBooksRoutes.Parts> parts = options.quickBooks()
                .flatMap(settings -> options.sealer().map(sealer -> {
                    SecureRandom random = new SecureRandom();
                    QuickBooksClient client = new QuickBooksClient(
                            HttpClient.newBuilder()
                                    .connectTimeout(Duration.ofSeconds(10))
                                    .build(),
                            settings,
                            clock);
                    var connection = new JooqQuickBooksConnection(dsl, client, sealer, clock, () -> {
                        byte[] b = new byte[24];
                        random.nextBytes(b);
                        return HexFormat.of().formatHex(b);
                    });
                    return new QuickBooksRoutes.Parts(
                            connection,
                            new JooqQuickBooksOutbox(dsl, clock, UUID::randomUUID),
                            new QuickBooksSync(
                                    dsl, connection, client, store, clock, UUID::randomUUID, settings.itemId()),
                            new QuickBooksWebhook(
                                    dsl, connection, client, store, settings.webhookVerifierToken(), clock));
                }));
        this.invoices = new InvoiceRoutes(guard, dsl, store, parts.map(QuickBooksRoutes.Parts::outbox), clock);
        this.reports = new ReportRoutes(guard, new JooqBillableHoursReport(dsl), clock);
        this.quickBooks = new QuickBooksRoutes(guard, parts);
        this.settings = new BillingSettingsRoutes(guard, new JooqBillingSettings(dsl, clock));
        this.sync = parts.map(QuickBooksRoutes.Parts::sync);
    }

    void contribute(JavalinConfig config) {
        invoices.contribute(config);
        reports.contribute(config);
        quickBooks.contribute(config);
        settings.contribute(config);
    }

    Optional<QuickBooksSync> sync() {
        return sync;
    }
}
