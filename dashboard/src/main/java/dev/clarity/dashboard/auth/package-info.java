/**
 * Accounts, password hashing (Argon2id), sign-in sessions, CSRF tokens, sign-in throttling, API tokens and roles.
 * Depends on {@code dev.clarity.migrations} (jOOQ tables) and BouncyCastle; never on the web layer.
 */
package dev.clarity.dashboard.auth;
