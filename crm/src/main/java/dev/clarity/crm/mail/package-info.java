/**
 * Mail that is really sent: the outbox table, the worker that claims due rows and sends them over SMTP (Angus Mail)
 * with backoff, the JTE templates of HTML and text parts, and the SMTP settings read from the environment. Depends on
 * the migrations' jOOQ classes, JTE and Jakarta Mail; never on the web, the bot or the runner.
 */
package dev.clarity.crm.mail;
