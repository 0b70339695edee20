package dev.clarity.dashboard.portal;

import java.time.OffsetDateTime;

/** A message a client left on a project; {@code readAt} is null until a manager or admin first saw it. */
public record ProjectMessage(long id, String author, String body, OffsetDateTime createdAt, OffsetDateTime readAt) {}
