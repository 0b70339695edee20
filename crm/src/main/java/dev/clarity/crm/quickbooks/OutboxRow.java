package dev.clarity.crm.quickbooks;

/** A document waiting to be sent: what ({@code customer}, {@code invoice}, {@code sales_receipt}) and which row. */
record OutboxRow(long id, String kind, long targetId, String requestId, int attempts) {}
