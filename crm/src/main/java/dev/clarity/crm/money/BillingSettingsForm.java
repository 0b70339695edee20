package dev.clarity.crm.money;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The billing settings form checked: {@link BillingSettings} to keep, or one message per field ({@code base_currency},
 * {@code machine_rate}, {@code time_zone}). Also checks a project's machine-rate override the same way. Pure.
 */
public final class BillingSettingsForm {
    /** {@code numeric(18, 6)}: 12 digits before the point, 6 after. */
    private static final int MAX_WHOLE_DIGITS = 12;

    private static final int MAX_DECIMALS = 6;

    private BillingSettingsForm() {}

    /** Hands the settings to {@code keep} when every field is usable; otherwise the messages, and nothing kept. */
    public static Map<String, String> check(Map<String, String> form, Consumer<BillingSettings> keep) {
        Map<String, String> errors = new LinkedHashMap<>();
        String code = trim(form.get("base_currency")).toUpperCase(Locale.ROOT);
        java.util.Currency currency = null;
        try {
            currency = Money.currency(code);
        } catch (UnknownCurrencyException e) {
            errors.put(
                    "base_currency",
                    Character.toUpperCase(e.getMessage().charAt(0))
                            + e.getMessage().substring(1) + ".");
        }
        BigDecimal rate = machineRate(form, "machine_rate", errors);
        java.time.ZoneId zone = timeZone(trim(form.get("time_zone")), errors);
        if (errors.isEmpty()) {
            keep.accept(new BillingSettings(currency, rate, zone));
        }
        return errors;
    }

    /**
     * The time zone named {@code name}: an IANA region such as {@code Europe/Berlin}, or {@code UTC}; empty is UTC.
     * Offsets ({@code +02:00}) and abbreviations ({@code CET}) are refused: they do not follow summer time, or mean
     * different things in different places.
     */
    static java.time.ZoneId timeZone(String name, Map<String, String> errors) {
        if (name.isEmpty() || name.equals("UTC")) {
            return java.time.ZoneOffset.UTC;
        }
        if (java.time.ZoneId.getAvailableZoneIds().contains(name) && name.contains("/")) {
            return java.time.ZoneId.of(name);
        }
        errors.put(
                "time_zone",
                "The time zone must be a region name such as Europe/Berlin or America/New_York, or UTC (not \""
                        + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "\").");
        return null;
    }

    /**
     * A machine rate per hour read from {@code field}: null when empty (not priced, or for a project: the
     * organisation's), otherwise an amount of at least zero with at most 6 decimals; a wrong value puts its message in
     * {@code errors} under {@code field}.
     */
    public static BigDecimal machineRate(Map<String, String> form, String field, Map<String, String> errors) {
        String s = trim(form.get(field));
        if (s.isEmpty()) {
            return null;
        }
        BigDecimal v;
        try {
            v = new BigDecimal(s);
        } catch (NumberFormatException e) {
            errors.put(field, "The machine rate must be an amount such as 0.50, or empty.");
            return null;
        }
        if (v.signum() < 0) {
            errors.put(field, "The machine rate must be zero or more, or empty.");
        } else if (v.scale() > MAX_DECIMALS) {
            errors.put(field, "The machine rate may have at most " + MAX_DECIMALS + " decimals.");
        } else if (v.precision() - v.scale() > MAX_WHOLE_DIGITS) {
            errors.put(field, "The machine rate may have at most " + MAX_WHOLE_DIGITS + " digits before the point.");
        }
        return v;
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
