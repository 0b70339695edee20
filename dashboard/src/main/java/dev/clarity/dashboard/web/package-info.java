/**
 * The web plumbing shared by every dashboard feature: JTE rendering, the role guard around each route (session
 * cookie or API token, CSRF check on writes), cookies and the page chrome. Depends on Javalin, JTE and
 * {@code dev.clarity.dashboard.auth}.
 */
package dev.clarity.dashboard.web;
