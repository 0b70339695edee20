package dev.clarity.crm.billing;

/** Where a document is in its life; only a draft can change. */
public enum InvoiceState {
    /** Being prepared: no number, lines editable, its sources not yet billed. */
    DRAFT("draft"),
    /** Numbered and sent: frozen, its sources billed. */
    ISSUED("issued"),
    /** Issued and paid in full. */
    PAID("paid"),
    /** Cancelled after issue; kept for the number series. */
    VOID("void");

    private final String dbName;

    InvoiceState(String dbName) {
        this.dbName = dbName;
    }

    public String dbName() {
        return dbName;
    }

    public static InvoiceState of(String dbName) {
        for (InvoiceState s : values()) {
            if (s.dbName.equals(dbName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown invoice state " + dbName);
    }
}
