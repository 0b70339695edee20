/**
 * The web plumbing shared by every dashboard feature: JTE rendering, the role guard around each route (session
 * cookie or API token, CSRF check on writes), the checks on request values and query parameters (400 naming the
 * parameter), the WebSocket origin rule, the security headers, cookies and the page chrome. Depends on Javalin, JTE
 * and {@code dev.clarity.dashboard.auth}.
 */
package dev.clarity.dashboard.web;
