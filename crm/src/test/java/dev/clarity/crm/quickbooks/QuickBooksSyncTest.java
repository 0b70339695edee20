package dev.clarity.crm.quickbooks;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.QUICKBOOKS_CONNECTIONS;
import static dev.clarity.migrations.jooq.Tables.QUICKBOOKS_OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.crm.CrmDatabase;
import dev.clarity.crm.MutableClock;
import dev.clarity.crm.billing.BillingOutcome;
import dev.clarity.crm.billing.Invoice;
import dev.clarity.crm.billing.InvoiceState;
import dev.clarity.crm.billing.JooqInvoiceDrafts;
import dev.clarity.crm.billing.JooqInvoiceStore;
import dev.clarity.crm.secrets.SecretSealer;
import dev.clarity.testkit.quickbooks.FakeQuickBooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuickBooksSyncTest {
    private static final LocalDate MARCH_1 = LocalDate.parse("2026-03-01");
    private static FakeQuickBooks fake;

    private final DSLContext dsl = CrmDatabase.dsl();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-02T10:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private QuickBooksClient client;
    private JooqQuickBooksConnection connection;
    private JooqQuickBooksOutbox outbox;
    private QuickBooksSync sync;
    private QuickBooksWebhook webhook;
    private JooqInvoiceStore store;
    private JooqInvoiceDrafts drafts;
    private long acme;
    private long shop;
    private long ana;

    /** Seals as "sealed:" + base64(context | secret): opens only under the same context, like the real sealer. */
    static final SecretSealer SEALER = new SecretSealer() {
        @Override
        public String seal(String secret, String context) {
            return "sealed:"
                    + Base64.getEncoder().encodeToString((context + "|" + secret).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String open(String sealed, String context) {
            String plain = new String(Base64.getDecoder().decode(sealed.substring(7)), StandardCharsets.UTF_8);
            if (!plain.startsWith(context + "|")) {
                throw new IllegalStateException("does not open under " + context);
            }
            return plain.substring(context.length() + 1);
        }
    };

    @BeforeAll
    static void startFake() {
        fake = FakeQuickBooks.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void seed() {
        CrmDatabase.reset();
        QuickBooksSettings settings = QuickBooksSettings.at(
                fake.url(),
                FakeQuickBooks.CLIENT_ID,
                FakeQuickBooks.CLIENT_SECRET,
                URI.create("http://clarity.test/settings/quickbooks/callback"),
                FakeQuickBooks.VERIFIER_TOKEN);
        client = new QuickBooksClient(http, settings, clock);
        connection = new JooqQuickBooksConnection(
                dsl, client, SEALER, clock, () -> UUID.randomUUID().toString());
        store = new JooqInvoiceStore(dsl, clock);
        drafts = new JooqInvoiceDrafts(dsl, store, clock);
        outbox = new JooqQuickBooksOutbox(dsl, clock, UUID::randomUUID);
        sync = new QuickBooksSync(dsl, connection, client, store, clock, UUID::randomUUID, "1");
        webhook = new QuickBooksWebhook(dsl, connection, client, store, FakeQuickBooks.VERIFIER_TOKEN, clock);
        acme = CrmDatabase.customer("Acme " + UUID.randomUUID(), "EUR");
        shop = CrmDatabase.project(acme, "Shop", "100");
        ana = CrmDatabase.person("Ana", "team_member");
    }

    @Test
    void connecting_needs_the_state_it_gave_and_stores_the_tokens_sealed() throws Exception {
        Map<String, String> callback = consent(connection.start("root"));

        assertThat(connection.complete("forged", callback.get("code"), callback.get("realmId")))
                .contains("This QuickBooks answer does not belong to a connection started here in the last ten"
                        + " minutes: connect again.");
        assertThat(connection.status()).isEmpty();
        assertThat(connection.complete(callback.get("state"), callback.get("code"), callback.get("realmId")))
                .isEmpty();
        assertThat(connection.complete(callback.get("state"), callback.get("code"), callback.get("realmId")))
                .isPresent();

        var row = dsl.selectFrom(QUICKBOOKS_CONNECTIONS).fetchSingle();
        String access = connection.access().orElseThrow().accessToken();
        assertThat(row.getRealmId()).isEqualTo(FakeQuickBooks.REALM);
        assertThat(row.getAccessTokenSealed()).doesNotContain(access).startsWith("sealed:");
        assertThat(row.getConnectedBy()).isEqualTo("root");
    }

    @Test
    void the_access_token_is_refreshed_when_it_has_less_than_five_minutes_left() throws Exception {
        connect();
        int before = fake.refreshes();
        String first = connection.access().orElseThrow().accessToken();

        clock.advance(Duration.ofMinutes(56));
        String second = connection.access().orElseThrow().accessToken();

        assertThat(second).isNotEqualTo(first);
        assertThat(fake.refreshes()).isEqualTo(before + 1);
        assertThat(connection.access().orElseThrow().accessToken()).isEqualTo(second);
    }

    @Test
    void an_issued_invoice_is_sent_once_after_its_customer() throws Exception {
        connect();
        Invoice invoice = issued(MARCH_1, 2 * 3600);
        outbox.invoice(invoice.id());
        outbox.invoice(invoice.id());

        QuickBooksSync.Drained drained = sync.drain(10);

        assertThat(drained.sent()).isEqualTo(1);
        JsonNode customer = only("Customer", acme);
        String qbId = store.find(invoice.id()).orElseThrow().quickbooksId();
        JsonNode sent = fake.entities("Invoice").stream()
                .filter(i -> i.path("Id").asText().equals(qbId))
                .findFirst()
                .orElseThrow();
        assertThat(sent.path("DocNumber").asText()).isEqualTo(invoice.number());
        assertThat(sent.path("CustomerRef").path("value").asText())
                .isEqualTo(customer.path("Id").asText());
        assertThat(sent.path("TxnDate").asText()).isEqualTo("2026-04-02");
        assertThat(sent.path("Line")
                        .get(0)
                        .path("SalesItemLineDetail")
                        .path("Qty")
                        .decimalValue())
                .isEqualByComparingTo("2");
        assertThat(sent.path("TotalAmt").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(store.find(invoice.id()).orElseThrow().quickbooksId())
                .isEqualTo(sent.path("Id").asText());
        assertThat(sync.drain(10).sent()).isZero();
        assertThat(outbox.backlog().pending()).isZero();
    }

    @Test
    void the_same_requestid_is_answered_again_without_a_second_entity() throws Exception {
        connect();
        var access = connection.access().orElseThrow();
        var body = new ObjectMapper().createObjectNode().put("DisplayName", "Idempotent " + UUID.randomUUID());

        var first = (QuickBooksAnswer.Ok)
                client.create(access.realmId(), access.accessToken(), "customer", body, "req-1-" + body.hashCode());
        var again = (QuickBooksAnswer.Ok)
                client.create(access.realmId(), access.accessToken(), "customer", body, "req-1-" + body.hashCode());

        assertThat(again.entity().path("Id")).isEqualTo(first.entity().path("Id"));
        assertThat(fake.entities("Customer").stream()
                        .filter(c -> c.path("DisplayName").equals(body.path("DisplayName"))))
                .hasSize(1);
    }

    @Test
    void a_server_error_defers_the_row_and_the_retry_sends_it_with_the_same_requestid() throws Exception {
        connect();
        Invoice invoice = issued(MARCH_1, 3600);
        outbox.invoice(invoice.id());
        fake.failNext(503);

        QuickBooksSync.Drained failed = sync.drain(10);

        assertThat(failed.deferred()).isEqualTo(1);
        var row = dsl.selectFrom(QUICKBOOKS_OUTBOX)
                .where(QUICKBOOKS_OUTBOX.KIND.eq("invoice"))
                .fetchSingle();
        assertThat(row.getLastError()).contains("503");
        assertThat(row.getNextAttemptAt().toInstant()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(sync.drain(10).sent()).isZero();

        clock.advance(Duration.ofSeconds(31));
        assertThat(sync.drain(10).sent()).isEqualTo(1);
        assertThat(store.find(invoice.id()).orElseThrow().quickbooksId()).isNotNull();
        assertThat(fake.requests())
                .filteredOn(r -> r.contains(row.getRequestId()))
                .hasSize(1);
    }

    @Test
    void a_rate_limit_holds_the_outbox_until_retry_after() throws Exception {
        connect();
        Invoice invoice = issued(MARCH_1, 3600);
        outbox.invoice(invoice.id());
        fake.rateLimitNext(1, 120);

        assertThat(sync.drain(10).rateLimited()).isTrue();
        clock.advance(Duration.ofSeconds(60));
        assertThat(sync.drain(10).sent()).isZero();
        clock.advance(Duration.ofSeconds(61));

        assertThat(sync.drain(10).sent()).isEqualTo(1);
    }

    @Test
    void an_access_token_that_expires_mid_sync_is_refreshed_once_and_the_sync_goes_on() throws Exception {
        connect();
        Invoice a = issued(MARCH_1, 3600);
        Invoice b = issued(MARCH_1.plusDays(1), 1800);
        outbox.invoice(a.id());
        outbox.invoice(b.id());
        int before = fake.refreshes();
        fake.expireAccessTokens();

        QuickBooksSync.Drained drained = sync.drain(10);

        assertThat(drained.sent()).isEqualTo(2);
        assertThat(fake.refreshes()).isEqualTo(before + 1);
    }

    @Test
    void an_invoice_paid_at_once_is_sent_as_a_sales_receipt() throws Exception {
        connect();
        Invoice invoice = issued(MARCH_1, 3600);
        store.markPaid(invoice.id(), LocalDate.parse("2026-04-02"), "root");
        outbox.invoice(invoice.id());

        sync.drain(10);

        assertThat(fake.entities("SalesReceipt"))
                .anySatisfy(r -> assertThat(r.path("DocNumber").asText()).isEqualTo(invoice.number()));
    }

    @Test
    void a_payment_webhook_marks_the_invoice_paid_once_and_a_bad_signature_changes_nothing() throws Exception {
        connect();
        Invoice invoice = issued(MARCH_1, 3600);
        outbox.invoice(invoice.id());
        sync.drain(10);
        String qbId = store.find(invoice.id()).orElseThrow().quickbooksId();
        String payment = fake.recordPayment(qbId, "2026-04-20");
        FakeQuickBooks.Webhook delivery = fake.webhook("Payment", payment, "Create");

        WebhookOutcome forged = webhook.handle(bytes(delivery.body()), FakeQuickBooks.sign(delivery.body(), "wrong"));
        assertThat(forged).isInstanceOf(WebhookOutcome.BadSignature.class);
        assertThat(store.find(invoice.id()).orElseThrow().state()).isEqualTo(InvoiceState.ISSUED);

        WebhookOutcome first = webhook.handle(bytes(delivery.body()), delivery.signature());
        WebhookOutcome duplicate = webhook.handle(bytes(delivery.body()), delivery.signature());

        assertThat(first).isEqualTo(new WebhookOutcome.Applied(1, 0));
        assertThat(duplicate).isEqualTo(new WebhookOutcome.Applied(0, 1));
        Invoice paid = store.find(invoice.id()).orElseThrow();
        assertThat(paid.state()).isEqualTo(InvoiceState.PAID);
        assertThat(paid.paidOn()).isEqualTo(LocalDate.parse("2026-04-20"));
    }

    @Test
    void a_credit_note_is_sent_once_as_a_credit_memo_with_positive_lines_for_the_same_customer() throws Exception {
        connect();
        Invoice invoice = issued(MARCH_1, 2 * 3600);
        outbox.invoice(invoice.id());
        sync.drain(10);
        Invoice note = ((BillingOutcome.Done) store.creditNote(invoice.id(), "hours booked twice", "root")).invoice();
        outbox.invoice(note.id());
        outbox.invoice(note.id());

        QuickBooksSync.Drained drained = sync.drain(10);

        assertThat(drained.sent()).isEqualTo(1);
        String qbId = store.find(note.id()).orElseThrow().quickbooksId();
        assertThat(fake.entities("CreditMemo"))
                .filteredOn(m -> m.path("Id").asText().equals(qbId))
                .singleElement()
                .satisfies(memo -> {
                    assertThat(memo.path("DocNumber").asText())
                            .isEqualTo(note.number())
                            .startsWith("CN-");
                    assertThat(memo.path("CustomerRef").path("value").asText())
                            .isEqualTo(only("Customer", acme).path("Id").asText());
                    assertThat(memo.path("CurrencyRef").path("value").asText()).isEqualTo("EUR");
                    assertThat(memo.path("TotalAmt").decimalValue()).isEqualByComparingTo("200.00");
                    JsonNode line = memo.path("Line").get(0);
                    assertThat(line.path("DetailType").asText()).isEqualTo("SalesItemLineDetail");
                    assertThat(line.path("Amount").decimalValue()).isEqualByComparingTo("200.00");
                    assertThat(line.path("SalesItemLineDetail").path("Qty").decimalValue())
                            .isEqualByComparingTo("2");
                });
        assertThat(fake.requests())
                .filteredOn(r -> r.contains("/creditmemo?requestid="))
                .hasSize(1);
        assertThat(sync.drain(10).sent()).isZero();
        assertThat(outbox.backlog().pending()).isZero();
    }

    @Test
    void a_customer_whose_name_is_taken_in_quickbooks_adopts_that_customer_instead_of_retrying_daily()
            throws Exception {
        connect();
        String name = "O'Brien \\ Sons " + UUID.randomUUID();
        String existing = fake.addCustomer(name);
        long obrien = CrmDatabase.customer(name, "EUR");
        long site = CrmDatabase.project(obrien, "Site", "100");
        CrmDatabase.time(site, ana, MARCH_1, 3600);
        var draft = (BillingOutcome.Done) drafts.draft(obrien, MARCH_1, MARCH_1, "root");
        Invoice invoice = ((BillingOutcome.Done) store.issue(draft.invoice().id(), "root")).invoice();
        outbox.invoice(invoice.id());

        QuickBooksSync.Drained drained = sync.drain(10);

        assertThat(drained).isEqualTo(new QuickBooksSync.Drained(1, 0, false));
        assertThat(dsl.select(CUSTOMERS.QUICKBOOKS_ID)
                        .from(CUSTOMERS)
                        .where(CUSTOMERS.ID.eq(obrien))
                        .fetchSingle(CUSTOMERS.QUICKBOOKS_ID))
                .isEqualTo(existing);
        assertThat(fake.entities("Customer"))
                .filteredOn(c -> c.path("DisplayName").asText().equals(name))
                .hasSize(1);
        String sent = store.find(invoice.id()).orElseThrow().quickbooksId();
        assertThat(fake.entities("Invoice"))
                .filteredOn(i -> i.path("Id").asText().equals(sent))
                .singleElement()
                .satisfies(i ->
                        assertThat(i.path("CustomerRef").path("value").asText()).isEqualTo(existing));
        assertThat(outbox.backlog().pending()).isZero();
    }

    private Invoice issued(LocalDate day, long seconds) {
        CrmDatabase.time(shop, ana, day, seconds);
        var draft = (BillingOutcome.Done) drafts.draft(acme, day, day, "root");
        return ((BillingOutcome.Done) store.issue(draft.invoice().id(), "root")).invoice();
    }

    private JsonNode only(String type, long customerId) {
        String id = dsl.select(CUSTOMERS.QUICKBOOKS_ID)
                .from(CUSTOMERS)
                .where(CUSTOMERS.ID.eq(customerId))
                .fetchSingle()
                .value1();
        return fake.entities(type).stream()
                .filter(e -> e.path("Id").asText().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private void connect() throws Exception {
        Map<String, String> callback = consent(connection.start("root"));
        assertThat(connection.complete(callback.get("state"), callback.get("code"), callback.get("realmId")))
                .isEmpty();
    }

    /** Follows the consent URL to the fake, which redirects at once; the callback's query parameters. */
    private Map<String, String> consent(URI url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElseThrow();
        return java.util.Arrays.stream(URI.create(location).getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
