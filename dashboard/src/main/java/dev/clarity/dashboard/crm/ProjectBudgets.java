package dev.clarity.dashboard.crm;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project's budgets as the form enters them: tokens, money (US dollars) and wall time, per item and per execution;
 * null is no limit. {@code .clarity.yml} may set its own, and the tighter of each holds.
 */
public record ProjectBudgets(
        Long itemTokens,
        BigDecimal itemMoney,
        Duration itemWallTime,
        Long executionTokens,
        BigDecimal executionMoney,
        Duration executionWallTime) {
    public static final ProjectBudgets NONE = new ProjectBudgets(null, null, null, null, null, null);

    private static final Pattern TOKENS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern MONEY = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,4})?");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})\\s*(s|m|h)");

    /** The form's fields, named as the inputs are. */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("item_tokens", itemTokens == null ? "" : itemTokens.toString());
        f.put(
                "item_money",
                itemMoney == null ? "" : itemMoney.stripTrailingZeros().toPlainString());
        f.put("item_wall_time", duration(itemWallTime));
        f.put("execution_tokens", executionTokens == null ? "" : executionTokens.toString());
        f.put(
                "execution_money",
                executionMoney == null
                        ? ""
                        : executionMoney.stripTrailingZeros().toPlainString());
        f.put("execution_wall_time", duration(executionWallTime));
        return f;
    }

    /** The form checked: the budgets, or one message per field (blank fields are no limit). */
    public static FormCheck<ProjectBudgets> check(Map<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        ProjectBudgets b = new ProjectBudgets(
                tokens(form, "item_tokens", errors),
                money(form, "item_money", errors),
                wall(form, "item_wall_time", errors),
                tokens(form, "execution_tokens", errors),
                money(form, "execution_money", errors),
                wall(form, "execution_wall_time", errors));
        return errors.isEmpty() ? new FormCheck.Valid<>(b) : new FormCheck.Invalid<>(errors);
    }

    private static String value(Map<String, String> form, String name) {
        String v = form.get(name);
        return v == null ? "" : v.strip();
    }

    private static Long tokens(Map<String, String> form, String name, Map<String, String> errors) {
        String v = value(form, name).replace(",", "").replace("_", "");
        if (v.isEmpty()) {
            return null;
        }
        if (!TOKENS.matcher(v).matches() || Long.parseLong(v) == 0) {
            errors.put(name, "A token budget is a whole number of tokens above 0 (e.g. 200000), or empty.");
            return null;
        }
        return Long.parseLong(v);
    }

    private static BigDecimal money(Map<String, String> form, String name, Map<String, String> errors) {
        String v = value(form, name).replace("$", "");
        if (v.isEmpty()) {
            return null;
        }
        if (!MONEY.matcher(v).matches() || new BigDecimal(v).signum() == 0) {
            errors.put(name, "A money budget is an amount of US dollars above 0 with up to 4 decimals (e.g. 2.50).");
            return null;
        }
        return new BigDecimal(v);
    }

    private static Duration wall(Map<String, String> form, String name, Map<String, String> errors) {
        String v = value(form, name).toLowerCase(java.util.Locale.ROOT);
        if (v.isEmpty()) {
            return null;
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            errors.put(name, "A wall-time budget is a number followed by s, m or h (e.g. 45m), or empty.");
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
