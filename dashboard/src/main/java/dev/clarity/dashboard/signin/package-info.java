/**
 * The sign-in page ({@code /login}), sign-out and the account page (API tokens). Depends on
 * {@code dev.clarity.dashboard.auth} and {@code dev.clarity.dashboard.web}.
 */
package dev.clarity.dashboard.signin;
