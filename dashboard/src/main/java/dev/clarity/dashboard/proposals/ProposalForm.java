package dev.clarity.dashboard.proposals;

import dev.clarity.crm.proposals.ProposalContent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The proposal form read into {@link ProposalContent}. Sections, items and taxes are parallel repeated fields
 * ({@code item_description}, {@code item_quantity}, {@code item_price}, …); a row whose fields are all blank is an
 * empty row of the form and left out. A number or date that does not parse is a problem naming the row.
 */
record ProposalForm(ProposalContent content, List<String> problems) {
    private static final int MAX_ROWS = 200;

    /** Reads the posted fields ({@code Context.formParamMap()}), each name with its values in order. */
    static ProposalForm read(Map<String, List<String>> fields) {
        List<String> problems = new ArrayList<>();
        List<ProposalContent.Section> sections = new ArrayList<>();
        List<String> sectionTitles = fields.getOrDefault("section_title", List.of());
        List<String> sectionTexts = fields.getOrDefault("section_text", List.of());
        for (int i = 0; i < Math.min(MAX_ROWS, sectionTitles.size()); i++) {
            String title = sectionTitles.get(i).strip();
            String text = i < sectionTexts.size() ? sectionTexts.get(i).strip() : "";
            if (!title.isEmpty() || !text.isEmpty()) {
                sections.add(new ProposalContent.Section(title, text));
            }
        }
        List<ProposalContent.LineItem> items = new ArrayList<>();
        List<String> descriptions = fields.getOrDefault("item_description", List.of());
        List<String> quantities = fields.getOrDefault("item_quantity", List.of());
        List<String> prices = fields.getOrDefault("item_price", List.of());
        for (int i = 0; i < Math.min(MAX_ROWS, descriptions.size()); i++) {
            String description = descriptions.get(i).strip();
            String quantity = at(quantities, i);
            String price = at(prices, i);
            if (description.isEmpty() && quantity.isEmpty() && price.isEmpty()) {
                continue;
            }
            String where = "Line " + (items.size() + 1);
            items.add(new ProposalContent.LineItem(
                    description,
                    number(quantity, where + " quantity", problems),
                    number(price, where + " unit price", problems)));
        }
        List<ProposalContent.TaxRate> taxes = new ArrayList<>();
        List<String> taxNames = fields.getOrDefault("tax_name", List.of());
        List<String> taxRates = fields.getOrDefault("tax_percent", List.of());
        for (int i = 0; i < Math.min(MAX_ROWS, taxNames.size()); i++) {
            String name = taxNames.get(i).strip();
            String rate = at(taxRates, i);
            if (!name.isEmpty() || !rate.isEmpty()) {
                taxes.add(new ProposalContent.TaxRate(name, number(rate, "Tax \"" + name + "\" rate", problems)));
            }
        }
        LocalDate validUntil = null;
        String date = first(fields, "valid_until");
        try {
            validUntil = date == null || date.isBlank() ? null : LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            problems.add("\"" + date + "\" is not a date (YYYY-MM-DD).");
        }
        String title = first(fields, "title");
        return new ProposalForm(
                new ProposalContent(title == null ? "" : title.strip(), sections, items, taxes, validUntil), problems);
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.getFirst();
    }

    private static String at(List<String> values, int i) {
        return i < values.size() ? values.get(i).strip() : "";
    }

    private static BigDecimal number(String value, String what, List<String> problems) {
        try {
            BigDecimal n = new BigDecimal(value);
            if (n.scale() > 6 || n.precision() - n.scale() > 12) {
                problems.add(what + ": \"" + value + "\" has too many digits.");
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(what + ": \"" + value + "\" is not a number.");
            return null;
        }
    }
}
