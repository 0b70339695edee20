package dev.clarity.crm.billing;

/**
 * Whose invoices and reports a reader sees: all (admin), those of the customers a manager looks after, or one customer's (a
 * client). Made by the web layer from the signed-in person; the store only applies it.
 */
public record CustomerScope(Long customerId, Long managerId) {
    public static CustomerScope all() {
        return new CustomerScope(null, null);
    }

    public static CustomerScope customer(long customerId) {
        return new CustomerScope(customerId, null);
    }

    public static CustomerScope managedBy(long personId) {
        return new CustomerScope(null, personId);
    }
}
