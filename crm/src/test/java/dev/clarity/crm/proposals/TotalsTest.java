package dev.clarity.crm.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TotalsTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-01");

    private static ProposalContent content(List<ProposalContent.LineItem> items, List<ProposalContent.TaxRate> taxes) {
        return new ProposalContent("Shop", List.of(), items, taxes, TODAY.plusDays(30));
    }

    private static ProposalContent.LineItem item(String quantity, String price) {
        return new ProposalContent.LineItem("Work", new BigDecimal(quantity), new BigDecimal(price));
    }

    @Test
    void the_total_is_rounded_half_even_once_at_the_end_not_per_line() {
        // three lines of 0.005 EUR: rounding each line would give 0.00 (half-even) three times; the sum 0.015 → 0.02
        var totals = Totals.of(
                content(List.of(item("1", "0.005"), item("1", "0.005"), item("1", "0.005")), List.of()),
                Money.currency("EUR"));

        assertThat(totals.total().amount()).isEqualByComparingTo("0.02");
        assertThat(totals.total().amount().scale()).isEqualTo(2);
    }

    @Test
    void taxes_apply_to_the_subtotal_and_add_up_into_the_total() {
        var totals = Totals.of(
                content(
                        List.of(item("12.5", "80"), item("1", "249.99")),
                        List.of(
                                new ProposalContent.TaxRate("VAT", new BigDecimal("19")),
                                new ProposalContent.TaxRate("City tax", new BigDecimal("0.5")))),
                Money.currency("EUR"));

        assertThat(totals.subtotal().amount()).isEqualByComparingTo("1249.99");
        assertThat(totals.taxes())
                .extracting(t -> t.amount().amount().stripTrailingZeros().toPlainString())
                .containsExactly("237.4981", "6.24995");
        assertThat(totals.total()).isEqualTo(Money.of("1493.74", "EUR")); // 1493.73805 half-even
        assertThat(Totals.shown(totals.total())).isEqualTo("1,493.74 EUR");
    }

    @Test
    void a_currency_without_minor_unit_is_rounded_to_whole_units() {
        var totals = Totals.of(content(List.of(item("3", "333.5")), List.of()), Money.currency("JPY"));

        assertThat(totals.total()).isEqualTo(Money.of("1000", "JPY")); // 1000.5 half-even → 1000
        assertThat(Totals.shown(totals.total())).isEqualTo("1,000 JPY");
    }

    @Test
    void content_with_a_past_date_no_items_or_a_negative_price_is_refused_with_every_reason() {
        var bad = new ProposalContent(
                " ",
                List.of(new ProposalContent.Section("", "text")),
                List.of(),
                List.of(new ProposalContent.TaxRate("VAT", new BigDecimal("120"))),
                TODAY.minusDays(1));
        var negative = content(List.of(item("0", "-1")), List.of());

        assertThat(bad.problems(TODAY))
                .containsExactly(
                        "Give the proposal a title of at most 200 characters.",
                        "The validity date 2026-11-30 is in the past.",
                        "Add at least one line item.",
                        "A tax rate must be between 0 and 100 percent.",
                        "Give every section a title.");
        assertThat(negative.problems(TODAY))
                .containsExactly(
                        "Line 1: the quantity must be a number above zero.",
                        "Line 1: the unit price must be a number, zero or more.");
        assertThat(content(List.of(item("1", "0")), List.of()).problems(TODAY)).isEmpty();
    }
}
