package dev.clarity.crm.contacts;

import java.time.OffsetDateTime;

/** A contact list with how many contacts it holds. */
public record ContactList(long id, String name, int contacts, OffsetDateTime createdAt) {}
