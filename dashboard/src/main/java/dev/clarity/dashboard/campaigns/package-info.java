/**
 * The campaign pages, {@code /api/campaigns} and the public unsubscribe link {@code /u/{token}}. Depends on the crm
 * module's campaigns and contacts packages and the dashboard's web and auth packages.
 */
package dev.clarity.dashboard.campaigns;
