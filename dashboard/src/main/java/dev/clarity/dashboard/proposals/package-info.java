/**
 * Proposals on the web: the managers' pages and JSON API behind the Guard, and the client's public page at
 * {@code /p/{token}}, which has no session and is never behind the Guard. Depends on crm.proposals and dashboard.web.
 */
package dev.clarity.dashboard.proposals;
