package dev.clarity.crm.billing;

/** How a number is spelled: prefix, year, and the sequence on four digits ({@code INV-2026-0001}). */
public final class InvoiceNumber {
    private InvoiceNumber() {}

    public static String format(String prefix, int year, int seq) {
        return "%s-%d-%04d".formatted(prefix, year, seq);
    }
}
