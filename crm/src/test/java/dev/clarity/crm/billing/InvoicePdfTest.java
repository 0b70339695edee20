package dev.clarity.crm.billing;

import static dev.clarity.crm.billing.InvoicesTest.done;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.CrmDatabase;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class InvoicePdfTest {
    @Test
    void the_pdf_of_an_issued_invoice_shows_its_number_lines_and_total() throws Exception {
        CrmDatabase.reset();
        var dsl = CrmDatabase.dsl();
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-04-02T10:00:00Z"));
        JooqInvoiceStore store = new JooqInvoiceStore(dsl, clock);
        long acme = CrmDatabase.customer("Acme <Corp> & Co", "EUR");
        long shop = CrmDatabase.project(acme, "Shop", "95.50");
        long ana = CrmDatabase.person("Ana", "team_member");
        CrmDatabase.time(shop, ana, LocalDate.parse("2026-03-02"), 2 * 3600);
        long id = done(new JooqInvoiceDrafts(dsl, store, clock)
                        .draft(acme, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"), "root"))
                .id();
        Invoice issued = done(store.issue(id, "root"));

        byte[] pdf = new InvoicePdf(dsl).render(issued);

        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text)
                    .contains("Invoice INV-2026-0001")
                    .contains("Acme <Corp> & Co")
                    .contains("Shop — Ana")
                    .contains("191.00 EUR")
                    .contains("Total 191.00 EUR")
                    .contains("Due: 2026-05-02");
        }
    }
}
