package dev.clarity.crm.quickbooks;

/** QuickBooks could not be reached or refused a token request; the message says what was being done. */
public final class QuickBooksException extends RuntimeException {
    public QuickBooksException(String message) {
        super(message);
    }
}
