/**
 * The orchestrator's ports: what the ingress (the webhook handlers) asks of the orchestrator, implemented inside
 * {@code dev.clarity.bot.orchestrator}. Depends only on the controls contract of the dashboard module.
 */
package dev.clarity.bot.orchestrator.ports;
