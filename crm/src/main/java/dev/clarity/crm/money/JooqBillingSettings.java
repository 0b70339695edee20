package dev.clarity.crm.money;

import static dev.clarity.migrations.jooq.Tables.ORGANISATION_SETTINGS;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * The organisation's {@link BillingSettings}, in its single {@code organisation_settings} row. {@link #save} writes
 * only what changed, with one audit row per changed setting in the same transaction; the row is locked while it is
 * compared, so two admins saving at once are audited against what each really replaced. Thread-safe.
 */
public final class JooqBillingSettings {
    /** The target of the audit rows: the organisation's only settings row. */
    private static final String TARGET_TYPE = "organisation";

    private static final String TARGET_ID = "1";

    private final DSLContext dsl;
    private final Audit audit;

    public JooqBillingSettings(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.audit = new Audit(clock);
    }

    public BillingSettings current() {
        return read(dsl, false);
    }

    /**
     * Keeps {@code wanted} (checked with {@link BillingSettingsForm}) on behalf of {@code actor}. Answers what changed,
     * one sentence per setting ({@code "base currency EUR → USD"}); empty when both were already so, and then nothing
     * is written, not even an audit row.
     */
    public List<String> save(BillingSettings wanted, String actor) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            BillingSettings before = read(tx, true);
            List<String> changes = new ArrayList<>();
            String from = before.baseCurrency().getCurrencyCode();
            String to = wanted.baseCurrency().getCurrencyCode();
            if (!from.equals(to)) {
                tx.update(ORGANISATION_SETTINGS)
                        .set(ORGANISATION_SETTINGS.BASE_CURRENCY, to)
                        .execute();
                String change = from + " → " + to;
                audit.write(
                        tx, new AuditEntry(actor, "organisation.base-currency-set", TARGET_TYPE, TARGET_ID, change));
                changes.add("base currency " + change);
            }
            if (!same(before.machineRate(), wanted.machineRate())) {
                tx.update(ORGANISATION_SETTINGS)
                        .set(ORGANISATION_SETTINGS.MACHINE_RATE, wanted.machineRate())
                        .execute();
                String change = rate(before.machineRate(), from) + " → " + rate(wanted.machineRate(), to);
                audit.write(tx, new AuditEntry(actor, "organisation.machine-rate-set", TARGET_TYPE, TARGET_ID, change));
                changes.add("machine rate " + change);
            }
            return changes;
        });
    }

    private static BillingSettings read(DSLContext tx, boolean lock) {
        var select = tx.select(ORGANISATION_SETTINGS.BASE_CURRENCY, ORGANISATION_SETTINGS.MACHINE_RATE)
                .from(ORGANISATION_SETTINGS);
        var row = lock ? select.forUpdate().fetchSingle() : select.fetchSingle();
        return new BillingSettings(Money.currency(row.value1()), row.value2());
    }

    /** Equal amounts whatever their scale (0.5 and 0.500000 are the same rate). */
    static boolean same(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? Objects.equals(a, b) : a.compareTo(b) == 0;
    }

    /** {@code 0.5 EUR an hour}, or {@code not priced}: how an audit detail says a machine rate. */
    static String rate(BigDecimal rate, String currency) {
        return rate == null ? "not priced" : BillingSettings.text(rate) + " " + currency + " an hour";
    }
}
