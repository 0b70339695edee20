package dev.clarity.crm.proposals;

import dev.clarity.crm.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The sums of a proposal. Line amounts, the subtotal and the taxes are exact products (unrounded); the total is
 * their sum rounded half-even to the currency's minor unit once, at the end, so rounding each line cannot move it.
 * The shown lines use {@link Money#rounded()} for display only.
 */
public record Totals(List<Money> lineAmounts, Money subtotal, List<TaxLine> taxes, Money total) {
    public Totals {
        lineAmounts = List.copyOf(lineAmounts);
        taxes = List.copyOf(taxes);
    }

    /** One tax with the amount it adds (unrounded). */
    public record TaxLine(String name, BigDecimal percent, Money amount) {}

    public static Totals of(ProposalContent content, Currency currency) {
        List<Money> lines = new ArrayList<>();
        Money subtotal = Money.zero(currency);
        for (ProposalContent.LineItem item : content.items()) {
            Money amount = new Money(item.unitPrice(), currency).times(item.quantity());
            lines.add(amount);
            subtotal = subtotal.plus(amount);
        }
        List<TaxLine> taxes = new ArrayList<>();
        Money total = subtotal;
        for (ProposalContent.TaxRate rate : content.taxes()) {
            Money tax = subtotal.times(rate.percent().movePointLeft(2));
            taxes.add(new TaxLine(rate.name(), rate.percent(), tax));
            total = total.plus(tax);
        }
        return new Totals(lines, subtotal, taxes, total.rounded());
    }

    /** An amount as a client reads it: rounded to the minor unit, with thousands separators, then the code. */
    public static String shown(Money money) {
        java.text.DecimalFormat f = new java.text.DecimalFormat(
                "#,##0"
                        + (money.currency().getDefaultFractionDigits() > 0
                                ? "." + "0".repeat(money.currency().getDefaultFractionDigits())
                                : ""),
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        return f.format(money.rounded().amount()) + " " + money.currency().getCurrencyCode();
    }
}
