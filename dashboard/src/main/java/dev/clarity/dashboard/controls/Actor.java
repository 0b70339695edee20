package dev.clarity.dashboard.controls;

/**
 * Who applies a control and through what: {@code via} is "comment", "dashboard", "cli" or "webhook". Written to the
 * audit table with every control.
 */
public record Actor(String login, String via) {}
