package dev.clarity.crm.billing;

/**
 * Whose invoices a reader sees: all (admin), those of the customers a manager looks after, or one customer's (a
 * client). Made by the web layer from the signed-in person; the store only applies it.
 */
public record InvoiceScope(Long customerId, Long managerId) {
    public static InvoiceScope all() {
        return new InvoiceScope(null, null);
    }

    public static InvoiceScope customer(long customerId) {
        return new InvoiceScope(customerId, null);
    }

    public static InvoiceScope managedBy(long personId) {
        return new InvoiceScope(null, personId);
    }
}
