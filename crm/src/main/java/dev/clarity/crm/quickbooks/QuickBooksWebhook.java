package dev.clarity.crm.quickbooks;

import static dev.clarity.migrations.jooq.Tables.INVOICES;
import static dev.clarity.migrations.jooq.Tables.QUICKBOOKS_WEBHOOK_EVENTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.crm.billing.BillingOutcome;
import dev.clarity.crm.billing.JooqInvoiceStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;

/**
 * QuickBooks webhook deliveries: the {@code intuit-signature} header must be the base64 HMAC-SHA256 of the raw body
 * with the verifier token, checked in constant time before anything is parsed. Payment notifications of the
 * connected company are applied: the payment is read from QuickBooks and each invoice it pays is marked paid on the
 * payment's date. Each entity change is applied once (its name, id, operation and lastUpdated are remembered), so a
 * duplicate delivery changes nothing; when QuickBooks cannot be asked, the change is forgotten again and the answer
 * asks for another delivery.
 */
public final class QuickBooksWebhook {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;

    private final DSLContext dsl;
    private final JooqQuickBooksConnection connection;
    private final QuickBooksClient client;
    private final JooqInvoiceStore invoices;
    private final String verifierToken;
    private final InstantSource clock;

    public QuickBooksWebhook(
            DSLContext dsl,
            JooqQuickBooksConnection connection,
            QuickBooksClient client,
            JooqInvoiceStore invoices,
            String verifierToken,
            InstantSource clock) {
        this.dsl = dsl;
        this.connection = connection;
        this.client = client;
        this.invoices = invoices;
        this.verifierToken = verifierToken;
        this.clock = clock;
    }

    public WebhookOutcome handle(byte[] body, String signature) {
        if (body.length > MAX_BODY || !signed(body, signature)) {
            return new WebhookOutcome.BadSignature();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return new WebhookOutcome.Malformed("the body is not JSON");
        }
        if (!root.path("eventNotifications").isArray()) {
            return new WebhookOutcome.Malformed("no eventNotifications");
        }
        Optional<String> realm = connection.status().map(JooqQuickBooksConnection.Status::realmId);
        int paid = 0;
        int duplicates = 0;
        for (JsonNode n : root.path("eventNotifications")) {
            if (realm.isEmpty() || !realm.get().equals(n.path("realmId").asText())) {
                continue;
            }
            for (JsonNode e : n.path("dataChangeEvent").path("entities")) {
                if (!e.path("name").asText().equals("Payment")
                        || e.path("operation").asText().equals("Delete")) {
                    continue;
                }
                String key = String.join(
                        ":",
                        "Payment",
                        e.path("id").asText(),
                        e.path("operation").asText(),
                        e.path("lastUpdated").asText());
                if (!remember(key)) {
                    duplicates++;
                    continue;
                }
                Optional<Integer> applied = applyPayment(e.path("id").asText());
                if (applied.isEmpty()) {
                    dsl.deleteFrom(QUICKBOOKS_WEBHOOK_EVENTS)
                            .where(QUICKBOOKS_WEBHOOK_EVENTS.EVENT_KEY.eq(key))
                            .execute();
                    return new WebhookOutcome.Retry("QuickBooks could not be asked about payment "
                            + e.path("id").asText());
                }
                paid += applied.get();
            }
        }
        return new WebhookOutcome.Applied(paid, duplicates);
    }

    /** How many invoices the payment marked paid; empty when QuickBooks could not be asked. */
    private Optional<Integer> applyPayment(String paymentId) {
        Optional<JooqQuickBooksConnection.Access> access = connection.access();
        if (access.isEmpty()) {
            return Optional.of(0);
        }
        QuickBooksAnswer answer =
                client.read(access.get().realmId(), access.get().accessToken(), "payment", paymentId);
        if (answer instanceof QuickBooksAnswer.Unauthorized) {
            access = connection.refreshed();
            answer = client.read(access.get().realmId(), access.get().accessToken(), "payment", paymentId);
        }
        if (!(answer instanceof QuickBooksAnswer.Ok ok)) {
            return Optional.empty();
        }
        LocalDate paidOn = date(ok.entity().path("TxnDate").asText());
        int paid = 0;
        for (JsonNode line : ok.entity().path("Line")) {
            for (JsonNode linked : line.path("LinkedTxn")) {
                if (!linked.path("TxnType").asText().equals("Invoice")) {
                    continue;
                }
                Long invoiceId = dsl.select(INVOICES.ID)
                        .from(INVOICES)
                        .where(INVOICES.QUICKBOOKS_ID.eq(linked.path("TxnId").asText()))
                        .and(INVOICES.STATE.eq("issued"))
                        .fetchOne(INVOICES.ID);
                if (invoiceId != null
                        && invoices.markPaid(invoiceId, paidOn, "quickbooks") instanceof BillingOutcome.Done) {
                    paid++;
                }
            }
        }
        return Optional.of(paid);
    }

    private boolean remember(String key) {
        return dsl.insertInto(QUICKBOOKS_WEBHOOK_EVENTS)
                        .set(QUICKBOOKS_WEBHOOK_EVENTS.EVENT_KEY, key)
                        .set(
                                QUICKBOOKS_WEBHOOK_EVENTS.RECEIVED_AT,
                                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    private LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        }
    }

    private boolean signed(byte[] body, String signature) {
        if (signature == null || verifierToken == null || verifierToken.isEmpty()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(verifierToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal(body);
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.trim()));
        } catch (IllegalArgumentException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("computing an HMAC-SHA256", e);
        }
    }
}
