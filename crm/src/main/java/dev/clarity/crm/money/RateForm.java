package dev.clarity.crm.money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The exchange-rate form checked: a {@link Conversion.Rate} to keep, or one message per field. Pure. */
public final class RateForm {
    private RateForm() {}

    /** The rate, or the messages (keyed {@code rate_date}, {@code from_currency}, {@code to_currency}, {@code rate}). */
    public static Map<String, String> check(
            Map<String, String> form, java.util.function.Consumer<Conversion.Rate> keep) {
        Map<String, String> errors = new LinkedHashMap<>();
        String from = upper(form.get("from_currency"));
        String to = upper(form.get("to_currency"));
        currency(from).ifPresent(m -> errors.put("from_currency", m));
        currency(to).ifPresent(m -> errors.put("to_currency", m));
        if (!errors.containsKey("to_currency") && from.equals(to)) {
            errors.put("to_currency", "The two currencies must differ.");
        }
        LocalDate date = null;
        try {
            date = LocalDate.parse(trim(form.get("rate_date")));
        } catch (DateTimeParseException e) {
            errors.put("rate_date", "The date must look like 2026-03-01.");
        }
        BigDecimal rate = null;
        try {
            rate = new BigDecimal(trim(form.get("rate")));
            if (rate.signum() <= 0) {
                errors.put("rate", "The rate must be more than zero.");
            } else if (rate.precision() - rate.scale() > 10 || rate.scale() > 10) {
                errors.put("rate", "The rate may have at most 10 digits before and after the point.");
            }
        } catch (NumberFormatException e) {
            errors.put("rate", "The rate must be a number such as 1.0842.");
        }
        if (errors.isEmpty()) {
            keep.accept(new Conversion.Rate(from, to, date, rate));
        }
        return errors;
    }

    private static Optional<String> currency(String code) {
        try {
            Money.currency(code);
            return Optional.empty();
        } catch (UnknownCurrencyException e) {
            return Optional.of(Character.toUpperCase(e.getMessage().charAt(0))
                    + e.getMessage().substring(1) + ".");
        }
    }

    private static String upper(String s) {
        return trim(s).toUpperCase(java.util.Locale.ROOT);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
