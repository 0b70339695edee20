package dev.clarity.crm.billing;

/** What a document is; each kind has its own number series per year. */
public enum InvoiceKind {
    /** Bills a customer for time and costs. */
    INVOICE("invoice"),
    /** Corrects an issued invoice with negative lines. */
    CREDIT_NOTE("credit_note");

    private final String dbName;

    InvoiceKind(String dbName) {
        this.dbName = dbName;
    }

    public String dbName() {
        return dbName;
    }

    public static InvoiceKind of(String dbName) {
        return dbName.equals("credit_note") ? CREDIT_NOTE : INVOICE;
    }
}
