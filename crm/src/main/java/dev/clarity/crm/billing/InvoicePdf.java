package dev.clarity.crm.billing;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.ORGANISATION_SETTINGS;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * An invoice or credit note as a PDF: an XHTML page (every value escaped) rendered by OpenHTMLtoPDF with its
 * built-in fonts. The seller is the organisation's name; the buyer the customer's billing details. Thread-safe (a
 * builder per call).
 */
public final class InvoicePdf {
    private final DSLContext dsl;

    public InvoicePdf(DSLContext dsl) {
        this.dsl = dsl;
    }

    public byte[] render(Invoice invoice) {
        String html = html(invoice);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering " + invoice.label() + " as a PDF", e);
        }
    }

    /** The XHTML the PDF is rendered from. */
    String html(Invoice invoice) {
        String seller = dsl.select(ORGANISATION_SETTINGS.NAME)
                .from(ORGANISATION_SETTINGS)
                .fetchSingle()
                .value1();
        var buyer = dsl.selectFrom(CUSTOMERS)
                .where(CUSTOMERS.ID.eq(invoice.customerId()))
                .fetchSingle();
        String title = invoice.kind() == InvoiceKind.CREDIT_NOTE ? "Credit note" : "Invoice";
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><title>")
                .append(esc(title + " " + invoice.label()))
                .append("</title><style>")
                .append("body{font-family:sans-serif;font-size:10pt} table{width:100%;border-collapse:collapse}")
                .append("th,td{border-bottom:1px solid #ccc;padding:4px;text-align:left} .n{text-align:right}")
                .append("</style></head><body>");
        h.append("<h1>")
                .append(esc(title))
                .append(' ')
                .append(esc(invoice.label()))
                .append("</h1>");
        h.append("<p><b>From</b> ").append(esc(seller)).append("</p>");
        h.append("<p><b>To</b> ").append(esc(Objects.requireNonNullElse(buyer.getBillingName(), buyer.getName())));
        for (String extra : new String[] {buyer.getBillingAddress(), buyer.getBillingEmail(), buyer.getTaxId()}) {
            if (extra != null && !extra.isBlank()) {
                h.append("<br/>").append(esc(extra));
            }
        }
        h.append("</p><p>");
        line(h, "Issued", invoice.issuedOn());
        line(h, "Due", invoice.dueOn());
        if (invoice.periodFrom() != null) {
            line(h, "Period", invoice.periodFrom() + " to " + invoice.periodTo());
        }
        line(h, "Paid", invoice.paidOn());
        h.append("</p><table><thead><tr><th>Description</th><th class=\"n\">Quantity</th><th>Unit</th>")
                .append("<th class=\"n\">Unit price</th><th class=\"n\">Amount</th></tr></thead><tbody>");
        for (InvoiceLine l : invoice.lines()) {
            h.append("<tr><td>")
                    .append(esc(l.description()))
                    .append("</td><td class=\"n\">")
                    .append(esc(l.quantity().stripTrailingZeros().toPlainString()))
                    .append("</td><td>")
                    .append(esc(l.unit()))
                    .append("</td><td class=\"n\">")
                    .append(esc(l.unitPrice().amount().stripTrailingZeros().toPlainString()))
                    .append("</td><td class=\"n\">")
                    .append(esc(l.amount().toString()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table><p class=\"n\"><b>Total ")
                .append(esc(invoice.total().toString()))
                .append("</b></p>");
        if (invoice.notes() != null) {
            h.append("<p>").append(esc(invoice.notes())).append("</p>");
        }
        return h.append("</body></html>").toString();
    }

    private static void line(StringBuilder h, String label, Object value) {
        if (value != null) {
            h.append(esc(label)).append(": ").append(esc(value.toString())).append("<br/>");
        }
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
