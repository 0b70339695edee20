package dev.clarity.crm.proposals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What one version of a proposal says: its title, its sections of prose, its line items (prices in the customer's
 * currency, before tax), the tax rates applied to the sum of the items, and the last day it can be accepted. Saved
 * whole as JSON in {@code proposal_versions}; {@link #problems()} says what a save would refuse.
 */
public record ProposalContent(
        String title, List<Section> sections, List<LineItem> items, List<TaxRate> taxes, LocalDate validUntil) {
    public ProposalContent {
        sections = List.copyOf(sections);
        items = List.copyOf(items);
        taxes = List.copyOf(taxes);
    }

    /** A heading and its text (plain text; paragraphs separated by blank lines). */
    public record Section(String title, String text) {}

    /** One priced line: {@code quantity} × {@code unitPrice}. */
    public record LineItem(String description, BigDecimal quantity, BigDecimal unitPrice) {}

    /** A tax on the sum of the items, in percent (19 for 19 %). */
    public record TaxRate(String name, BigDecimal percent) {}

    /** Every reason this content cannot be saved, as sentences; empty when it can. */
    public List<String> problems(LocalDate today) {
        List<String> problems = new ArrayList<>();
        if (title == null || title.isBlank() || title.length() > 200) {
            problems.add("Give the proposal a title of at most 200 characters.");
        }
        if (validUntil == null) {
            problems.add("Give the date until which the proposal can be accepted.");
        } else if (validUntil.isBefore(today)) {
            problems.add("The validity date " + validUntil + " is in the past.");
        }
        if (items.isEmpty()) {
            problems.add("Add at least one line item.");
        }
        for (int i = 0; i < items.size(); i++) {
            LineItem item = items.get(i);
            String where = "Line " + (i + 1) + ": ";
            if (item.description() == null || item.description().isBlank()) {
                problems.add(where + "describe the item.");
            }
            if (item.quantity() == null || item.quantity().signum() <= 0) {
                problems.add(where + "the quantity must be a number above zero.");
            }
            if (item.unitPrice() == null || item.unitPrice().signum() < 0) {
                problems.add(where + "the unit price must be a number, zero or more.");
            }
        }
        for (TaxRate tax : taxes) {
            if (tax.name() == null || tax.name().isBlank()) {
                problems.add("Name every tax.");
            }
            if (tax.percent() == null
                    || tax.percent().signum() < 0
                    || tax.percent().compareTo(BigDecimal.valueOf(100)) > 0) {
                problems.add("A tax rate must be between 0 and 100 percent.");
            }
        }
        for (Section s : sections) {
            if (s.title() == null || s.title().isBlank()) {
                problems.add("Give every section a title.");
            }
        }
        return problems;
    }
}
