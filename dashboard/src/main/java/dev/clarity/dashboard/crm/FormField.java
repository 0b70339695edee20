package dev.clarity.dashboard.crm;

import java.util.List;

/** One input of a CRM form as the generic form template draws it; {@code options} only for selects. */
public record FormField(String name, String label, String value, List<Option> options, String error, String help) {

    public static FormField text(String name, String label, String value, String error, String help) {
        return new FormField(name, label, value == null ? "" : value, List.of(), error, help);
    }

    public static FormField select(String name, String label, String value, List<Option> options, String error) {
        return new FormField(name, label, value == null ? "" : value, options, error, null);
    }

    public boolean isSelect() {
        return !options.isEmpty();
    }

    /** A choice in a select. */
    public record Option(String value, String label) {}
}
