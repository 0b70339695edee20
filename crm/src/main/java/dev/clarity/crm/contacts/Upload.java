package dev.clarity.crm.contacts;

import java.time.OffsetDateTime;

/** A stored CSV upload waiting for (or done with) its import; {@code importedAt} is null until it is imported. */
public record Upload(long id, long listId, String filename, byte[] content, OffsetDateTime importedAt) {}
