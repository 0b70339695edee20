/**
 * Provider keys per customer or project: sealed at rest with AES-GCM, shown masked, set and deleted by admins only
 * (audited), and opened for the model gateway. Depends on the migrations module and the dashboard's web and auth.
 */
package dev.clarity.dashboard.keys;
