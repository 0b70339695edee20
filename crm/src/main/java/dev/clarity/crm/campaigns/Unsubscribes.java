package dev.clarity.crm.campaigns;

import static dev.clarity.migrations.jooq.Tables.CAMPAIGN_RECIPIENTS;
import static dev.clarity.migrations.jooq.Tables.SUPPRESSIONS;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The unsubscribe link's two steps: {@link #find} says whose link it is (for the page that asks to confirm), and
 * {@link #unsubscribe} puts the address on the suppression list (one-click POST from a mail client, or the page's
 * button). A malformed or unknown token finds nothing. Unsubscribing twice is harmless. Thread-safe.
 */
public final class Unsubscribes {
    private final DSLContext dsl;
    private final InstantSource clock;
    private final Audit audit;

    public Unsubscribes(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    /** The address the link was sent to. */
    public Optional<String> find(String token) {
        if (!UnsubscribeTokens.wellFormed(token)) {
            return Optional.empty();
        }
        return dsl.select(CAMPAIGN_RECIPIENTS.EMAIL, CAMPAIGN_RECIPIENTS.UNSUBSCRIBE_HASH)
                .from(CAMPAIGN_RECIPIENTS)
                .where(CAMPAIGN_RECIPIENTS.UNSUBSCRIBE_HASH.eq(UnsubscribeTokens.hash(token)))
                .fetchOptional()
                .filter(r -> UnsubscribeTokens.matches(token, r.value2()))
                .map(r -> r.value1());
    }

    /**
     * Suppresses the link's address; empty when the token is unknown. The first unsubscribe is audited
     * ({@code suppression.unsubscribed}, actor "unsubscribe link") in the same transaction; the token itself is never
     * written anywhere.
     */
    public Optional<String> unsubscribe(String token) {
        Optional<String> email = find(token);
        email.ifPresent(address -> dsl.transaction(tx -> {
            int added = tx.dsl()
                    .insertInto(SUPPRESSIONS)
                    .set(SUPPRESSIONS.EMAIL, address)
                    .set(SUPPRESSIONS.REASON, "unsubscribed")
                    .set(SUPPRESSIONS.AT, clock.instant().atOffset(ZoneOffset.UTC))
                    .onConflictDoNothing()
                    .execute();
            if (added == 1) {
                audit.write(
                        tx.dsl(),
                        new AuditEntry(
                                "unsubscribe link",
                                "suppression.unsubscribed",
                                "suppression",
                                address,
                                "unsubscribed"));
            }
        }));
        return email;
    }
}
