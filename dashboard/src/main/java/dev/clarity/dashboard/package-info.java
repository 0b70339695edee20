/**
 * The web dashboard: pages, live log stream, controls and CRM. Depends on {@code dev.clarity.migrations}; never on
 * the bot (it declares the small interfaces it needs, which the bot implements).
 */
package dev.clarity.dashboard;
