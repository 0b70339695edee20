package dev.clarity.crm.quickbooks;

/** A document waiting to be sent: what ({@code customer}, {@code invoice}, {@code sales_receipt}, {@code credit_memo}) and which row. */
record OutboxRow(long id, String kind, long targetId, String requestId, int attempts) {}
