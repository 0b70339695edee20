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
 * compared, so two admins saving at once are audited against what each really replaced. A new time zone moves the
 * records whose day changes in the daily and monthly sums in the same transaction, with the time records locked
 * against writers meanwhile. Thread-safe.
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
            if (!before.timeZone().equals(wanted.timeZone())) {
                try {
                    tx.fetchValue("select now() at time zone ?", wanted.timeZoneName());
                } catch (org.jooq.exception.DataAccessException e) {
                    throw new UnknownTimeZoneException(wanted.timeZoneName());
                }
                // the sums by day must follow the zone in the same transaction: no record may change in between
                tx.execute("lock table time_records in share mode");
                tx.update(ORGANISATION_SETTINGS)
                        .set(ORGANISATION_SETTINGS.TIME_ZONE, wanted.timeZoneName())
                        .execute();
                tx.execute("select time_days_move(?)", before.timeZoneName());
                String change = before.timeZoneName() + " → " + wanted.timeZoneName();
                audit.write(tx, new AuditEntry(actor, "organisation.time-zone-set", TARGET_TYPE, TARGET_ID, change));
                changes.add("time zone " + change);
            }
            return changes;
        });
    }

    private static BillingSettings read(DSLContext tx, boolean lock) {
        var select = tx.select(
                        ORGANISATION_SETTINGS.BASE_CURRENCY,
                        ORGANISATION_SETTINGS.MACHINE_RATE,
                        ORGANISATION_SETTINGS.TIME_ZONE)
                .from(ORGANISATION_SETTINGS);
        var row = lock ? select.forUpdate().fetchSingle() : select.fetchSingle();
        return new BillingSettings(Money.currency(row.value1()), row.value2(), zone(row.value3()));
    }

    /**
     * A zone Java knows but the database does not (its time zone data is older): nothing is saved. The message is a
     * sentence for the form.
     */
    public static final class UnknownTimeZoneException extends RuntimeException {
        UnknownTimeZoneException(String zone) {
            super("The database does not know the time zone " + zone + ": choose a neighbouring region's.");
        }
    }

    /** The organisation's time zone as {@code tx} sees it (UTC until an admin sets one). */
    public static java.time.ZoneId zone(DSLContext tx) {
        return zone(tx.select(ORGANISATION_SETTINGS.TIME_ZONE)
                .from(ORGANISATION_SETTINGS)
                .fetchOptional(ORGANISATION_SETTINGS.TIME_ZONE)
                .orElse("UTC"));
    }

    private static java.time.ZoneId zone(String id) {
        return id == null || id.equals("UTC") ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(id);
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
