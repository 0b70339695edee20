/**
 * {@code POST /webhooks/github}: signature check over the raw bytes, delivery de-duplication in PostgreSQL, and the
 * hand-off of each accepted delivery to an {@link java.util.concurrent.Executor}, and the records each handled event
 * is read into ({@link dev.clarity.bot.webhook.WebhookEvents}). Depends on Javalin, Jackson, jOOQ and the migrations
 * module; the event handlers it calls live in {@code dev.clarity.bot.events}.
 */
package dev.clarity.bot.webhook;
