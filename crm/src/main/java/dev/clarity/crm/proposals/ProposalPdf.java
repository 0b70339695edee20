package dev.clarity.crm.proposals;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import dev.clarity.crm.money.Money;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * A proposal version as a PDF (OpenHTMLtoPDF over PDFBox), from an XHTML page built here with every text of the
 * proposal escaped. Fonts are the PDF base fonts, so nothing is read from the file system. Thread-safe.
 */
public final class ProposalPdf {

    public byte[] render(String customerName, ProposalVersion version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml(customerName, version), null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering proposal " + version.proposalId() + " as PDF", e);
        }
        return out.toByteArray();
    }

    static String xhtml(String customerName, ProposalVersion version) {
        ProposalContent c = version.content();
        Totals t = version.totals();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><title>")
                .append(esc(c.title()))
                .append("</title><style>body{font-family:sans-serif;font-size:11pt}")
                .append("table{width:100%;border-collapse:collapse}td,th{padding:4px;border-bottom:1px solid #ccc}")
                .append(".n{text-align:right}</style></head><body>");
        h.append("<h1>").append(esc(c.title())).append("</h1>");
        h.append("<p>For ")
                .append(esc(customerName))
                .append(" · version ")
                .append(version.version())
                .append(" · valid until ")
                .append(c.validUntil())
                .append("</p>");
        for (ProposalContent.Section s : c.sections()) {
            h.append("<h2>").append(esc(s.title())).append("</h2>");
            for (String paragraph : s.text().split("\\R\\s*\\R")) {
                h.append("<p>").append(esc(paragraph.strip())).append("</p>");
            }
        }
        h.append("<table><tr><th>Item</th><th class=\"n\">Quantity</th><th class=\"n\">Unit price</th>")
                .append("<th class=\"n\">Amount</th></tr>");
        for (int i = 0; i < c.items().size(); i++) {
            ProposalContent.LineItem item = c.items().get(i);
            h.append("<tr><td>")
                    .append(esc(item.description()))
                    .append("</td><td class=\"n\">")
                    .append(item.quantity().stripTrailingZeros().toPlainString())
                    .append("</td><td class=\"n\">")
                    .append(Totals.shown(new Money(item.unitPrice(), t.total().currency())))
                    .append("</td><td class=\"n\">")
                    .append(Totals.shown(t.lineAmounts().get(i)))
                    .append("</td></tr>");
        }
        row(h, "Subtotal", Totals.shown(t.subtotal()));
        for (Totals.TaxLine tax : t.taxes()) {
            row(h, tax.name() + " " + percent(tax.percent()) + " %", Totals.shown(tax.amount()));
        }
        row(h, "Total", Totals.shown(t.total()));
        h.append("</table></body></html>");
        return h.toString();
    }

    private static void row(StringBuilder h, String label, String amount) {
        h.append("<tr><td colspan=\"3\"><b>")
                .append(esc(label))
                .append("</b></td><td class=\"n\"><b>")
                .append(esc(amount))
                .append("</b></td></tr>");
    }

    private static String percent(BigDecimal p) {
        return p.stripTrailingZeros().toPlainString();
    }

    private static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (ch >= 0x20 || ch == '\n' || ch == '\t') {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
