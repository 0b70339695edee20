package dev.clarity.runner.api;

/**
 * One reason an item's diff needs a person's approval before it is committed ({@code risk:} in {@code .clarity.yml}):
 * {@code rule} is {@code migration}, {@code destructive-sql}, {@code deletion} or {@code credential}, {@code file}
 * the file, {@code detail} one sentence (never the credential itself).
 */
public record Risk(String rule, String file, String detail) {
    /** "{@code db/migrate/001.sql} (migration: adds or changes a database migration)". */
    public String describe() {
        return file + " (" + rule + ": " + detail + ")";
    }
}
