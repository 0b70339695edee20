/**
 * Telling people by mail that an execution completed, paused at its stop point or needs someone: at once, in one
 * mail a day, or not at all, as each person chose. Queues into {@link dev.clarity.crm.mail.JooqMailOutbox}; the bot
 * calls {@link dev.clarity.crm.notify.Notifications} inside the transaction of the execution's transition.
 */
package dev.clarity.crm.notify;
