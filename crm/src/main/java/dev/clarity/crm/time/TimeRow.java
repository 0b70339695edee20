package dev.clarity.crm.time;

/** A time record with the names a list shows beside it; {@code task} is null for time on the whole project. */
public record TimeRow(TimeRecord record, String person, String project, String task) {}
