/**
 * The browser tests' one harness: Debian's chromium driven by Playwright, launched once per test class, with sign-in
 * and screenshot helpers. Test scope only; depends on Playwright and JUnit.
 */
package dev.clarity.dashboard.browser;
