package dev.clarity.crm.contacts;

import java.time.OffsetDateTime;

/** One address on one list; {@code email} is lower-cased. */
public record Contact(long id, long listId, String email, String name, String company, OffsetDateTime createdAt) {}
